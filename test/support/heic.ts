import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { smallPng } from '@app/storage/testing';

/**
 * A real HEIC photo (HEVC-coded, as iPhones write them), encoded in the test by libheif's heif-enc
 * (`npm test` installs it with config/scripts/ensure-heif-enc.sh).
 */
export async function realHeic(): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'heic-'));
  try {
    await writeFile(join(dir, 'foto.png'), smallPng());
    await promisify(execFile)('heif-enc', ['-q', '50', '-o', join(dir, 'foto.heic'), join(dir, 'foto.png')]);
    return await readFile(join(dir, 'foto.heic'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
