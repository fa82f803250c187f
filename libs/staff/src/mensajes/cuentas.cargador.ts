import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CargadorDeMensajes, CargadorMensaje, MensajeCargado, MensajeGuardado, PermanentNotificationError } from '@app/notifications';
import { Clock } from '@app/platform/clock';

/** Platform staff (administrators, coordinators) belong to no entity: the platform's owner signs. */
const PLATAFORMA = 'la Secretaría de Gestión Pública (PCM)';

type TipoCuenta = 'restablecer_password' | 'invitacion_personal';

/**
 * Staff account messages. Only a hash of a link's token is stored, so the one-time link travels
 * in the row; a link that expired while the message waited is useless, so the row fails instead.
 */
@Injectable()
@CargadorDeMensajes(['restablecer_password', 'invitacion_personal'])
export class CuentasCargador implements CargadorMensaje<TipoCuenta> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async cargar(mensaje: MensajeGuardado<TipoCuenta>): Promise<MensajeCargado<TipoCuenta>> {
    if (mensaje.tipo === 'restablecer_password') {
      return {
        contenido: {
          entidadNombre: await this.entidadNombreOf(mensaje.entidadId),
          nombre: texto(mensaje, mensaje.datos.nombre, 'nombre'),
          enlace: texto(mensaje, mensaje.datos.enlace, 'enlace'),
          expiraEnMinutos: Math.ceil(this.msUntilExpiry(mensaje) / 60_000),
        },
      };
    }
    return {
      contenido: {
        entidadNombre: mensaje.datos.entidadNombre || (await this.entidadNombreOf(mensaje.entidadId)),
        nombre: texto(mensaje, mensaje.datos.nombre, 'nombre'),
        rol: mensaje.datos.rolEtiqueta || texto(mensaje, mensaje.datos.rol, 'rol'),
        enlace: texto(mensaje, mensaje.datos.enlace, 'enlace'),
        expiraEnDias: Math.ceil(this.msUntilExpiry(mensaje) / 86_400_000),
      },
    };
  }

  private msUntilExpiry(mensaje: MensajeGuardado<TipoCuenta>): number {
    const ms = new Date(texto(mensaje, mensaje.datos.venceEn, 'venceEn')).getTime() - this.clock.now().getTime();
    if (!Number.isFinite(ms)) throw new PermanentNotificationError(`El mensaje ${mensaje.id} (${mensaje.tipo}) tiene una fecha de vencimiento inválida`);
    if (ms <= 0) throw new PermanentNotificationError(`El enlace del mensaje ${mensaje.id} (${mensaje.tipo}) venció antes de enviarse`);
    return ms;
  }

  private async entidadNombreOf(entidadId: string | null): Promise<string> {
    if (!entidadId) return PLATAFORMA;
    const [entidad]: Array<{ nombre: string }> = await this.dataSource.query(`SELECT nombre FROM entidad WHERE id = $1`, [entidadId]);
    return entidad?.nombre ?? PLATAFORMA;
  }
}

/** A required text of the row's data (rows written before a field existed fail for good, naming it). */
function texto(mensaje: MensajeGuardado, value: unknown, campo: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new PermanentNotificationError(`Al mensaje ${mensaje.id} (${mensaje.tipo}) le falta "${campo}" en sus datos`);
  }
  return value;
}
