import { Module } from '@nestjs/common';
import { ExpedienteModule } from '@app/expediente';
import { ReclamosModule } from '@app/reclamos';
import { NotificacionEfectiva } from '../respuesta/notificacion-efectiva';
import { ReclamosCargador } from './reclamos.cargador';
import { RespuestaCargador } from './respuesta.cargador';

/**
 * The worker's part of atención: the loaders of the messages its actions and sweep write, and what
 * the answer's e-mail records on the reclamo once the server accepts or refuses it.
 */
@Module({ imports: [ReclamosModule, ExpedienteModule], providers: [ReclamosCargador, RespuestaCargador, NotificacionEfectiva] })
export class AtencionMensajesModule {}
