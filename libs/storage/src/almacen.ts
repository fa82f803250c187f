import { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { AttachmentStorage } from './attachment-storage';
import { LocalDirectoryStorage } from './local-directory.storage';
import { S3Storage } from './s3.storage';

/** The settings of the store (the environment's names; libs/platform/src/config/environment.ts). */
export interface ConfiguracionAlmacen {
  readonly STORAGE_DRIVER: 'local' | 's3';
  readonly STORAGE_DIR: string;
  readonly S3_BUCKET?: string;
  readonly S3_REGION: string;
  readonly S3_ENDPOINT?: string;
  readonly S3_FORCE_PATH_STYLE: boolean;
  readonly S3_PREFIX: string;
  readonly S3_ACCESS_KEY_ID?: string;
  readonly S3_SECRET_ACCESS_KEY?: string;
}

/**
 * The store the configuration names. `seccion` keeps different kinds of object apart (a folder of
 * STORAGE_DIR, a key prefix in the bucket): attachments and scans at the root (as they always were),
 * exports under `exportaciones`.
 */
export function crearAlmacen(c: ConfiguracionAlmacen, seccion = ''): AttachmentStorage {
  if (c.STORAGE_DRIVER === 'local') return new LocalDirectoryStorage(seccion ? join(c.STORAGE_DIR, seccion) : c.STORAGE_DIR);
  const client = new S3Client({
    region: c.S3_REGION,
    ...(c.S3_ENDPOINT ? { endpoint: c.S3_ENDPOINT } : {}),
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    ...(c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY } } : {}),
  });
  return new S3Storage({ client, bucket: c.S3_BUCKET!, prefijo: `${c.S3_PREFIX}${seccion ? `${seccion}/` : ''}` });
}
