import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClienteRedis } from '@app/platform/redis';
import { randomUUID } from 'node:crypto';
import { REDIS_CLIENT } from '@app/platform/redis';

/** How long a reviewed file waits for «Importar»: long enough to read the result, short enough to forget it. */
export const PENDIENTE_TTL_S = 3600;
const PREFIJO = 'reclamos:importacion-pendiente:';
const CLAVE = /^[0-9a-f-]{36}$/;

interface Pendiente {
  actorId: string;
  nombre: string;
  sha256: string;
  contenido: string;
}

/**
 * The page's two steps without JavaScript: a file whose dry run found nothing wrong is kept here
 * (Redis, for an hour, under a random key bound to the person who sent it), so «Importar» needs no
 * second upload. Nothing goes to the database until the real import, which checks every row again.
 * Redis unavailable: `guardar` answers null and the page offers the upload form instead.
 */
@Injectable()
export class ImportacionesPendientes {
  private readonly logger = new Logger(ImportacionesPendientes.name);

  constructor(@Inject(REDIS_CLIENT) private readonly redis: ClienteRedis) {}

  async guardar(actorId: string, archivo: { nombre: string; bytes: Buffer; sha256: string }): Promise<string | null> {
    const clave = randomUUID();
    const valor: Pendiente = { actorId, nombre: archivo.nombre, sha256: archivo.sha256, contenido: archivo.bytes.toString('base64') };
    try {
      await this.redis.set(`${PREFIJO}${clave}`, JSON.stringify(valor), 'EX', PENDIENTE_TTL_S);
      return clave;
    } catch (error) {
      this.logger.warn({ err: error, actorId }, 'No se pudo guardar el archivo revisado para confirmar la importación');
      return null;
    }
  }

  /** The file kept under `clave` for this person, once (it is removed); null if it expired, was used or is someone else's. */
  async tomar(actorId: string, clave: string): Promise<{ nombre: string; bytes: Buffer; sha256: string } | null> {
    if (!CLAVE.test(clave)) return null;
    const texto = await this.redis.get(`${PREFIJO}${clave}`);
    if (texto === null) return null;
    const valor = JSON.parse(texto) as Pendiente;
    if (valor.actorId !== actorId) return null;
    await this.redis.del(`${PREFIJO}${clave}`);
    return { nombre: valor.nombre, sha256: valor.sha256, bytes: Buffer.from(valor.contenido, 'base64') };
  }
}
