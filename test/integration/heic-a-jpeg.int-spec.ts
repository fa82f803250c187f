import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { heicAJpeg } from '@app/storage';
import { smallPng } from '@app/storage/testing';

jest.setTimeout(120_000);

/** Width and height from a JPEG's start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

describe('heicAJpeg (heic-convert in a worker thread)', () => {
  it('turns a 3 MP HEIC made by heif-enc into a JPEG of the same size without stalling the event loop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'heic-hilo-'));
    try {
      await writeFile(join(dir, 'foto.png'), smallPng(2016, 1512));
      await promisify(execFile)('heif-enc', ['-q', '50', '-o', join(dir, 'foto.heic'), join(dir, 'foto.png')]);
      const heic = await readFile(join(dir, 'foto.heic'));
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = Date.now();
      const jpeg = await heicAJpeg(heic);
      const took = Date.now() - started;
      delay.disable();
      expect(jpegSize(jpeg)).toEqual({ width: 2016, height: 1512 });
      // The decode and encode take seconds; on the main thread the longest stall would be about all of it.
      // In the thread it stays a fraction (a loaded machine still stalls a little).
      expect(delay.max / 1e6).toBeLessThan(took / 2);
      console.info(`heicAJpeg 2016×1512: ${took} ms, event loop max delay ${(delay.max / 1e6).toFixed(0)} ms`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects bytes that do not decode, and the next conversion still works', async () => {
    await expect(heicAJpeg(Buffer.from('ftypheic no es una foto'))).rejects.toThrow();
    const dir = await mkdtemp(join(tmpdir(), 'heic-hilo-'));
    try {
      await writeFile(join(dir, 'foto.png'), smallPng());
      await promisify(execFile)('heif-enc', ['-q', '50', '-o', join(dir, 'foto.heic'), join(dir, 'foto.png')]);
      expect(jpegSize(await heicAJpeg(await readFile(join(dir, 'foto.heic'))))).toEqual({ width: 64, height: 48 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
