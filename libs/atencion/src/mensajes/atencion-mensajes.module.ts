import { Module } from '@nestjs/common';
import { CasosCargador } from './reclamos.cargador';

/** The worker's part of atención: the loader of the messages its actions and sweep write. */
@Module({ providers: [CasosCargador] })
export class AtencionMensajesModule {}
