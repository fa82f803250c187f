import { Module } from '@nestjs/common';
import { ReclamosCargador } from './reclamos.cargador';

/** The worker's part of atención: the loader of the messages its actions and sweep write. */
@Module({ providers: [ReclamosCargador] })
export class AtencionMensajesModule {}
