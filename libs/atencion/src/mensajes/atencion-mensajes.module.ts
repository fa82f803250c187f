import { Module } from '@nestjs/common';
import { ReclamosModule } from '@app/reclamos';
import { ReclamosCargador } from './reclamos.cargador';

/** The worker's part of atención: the loader of the messages its actions and sweep write. */
@Module({ imports: [ReclamosModule], providers: [ReclamosCargador] })
export class AtencionMensajesModule {}
