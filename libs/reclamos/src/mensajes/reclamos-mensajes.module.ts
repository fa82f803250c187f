import { Module } from '@nestjs/common';
import { ReclamosModule } from '../reclamos.module';
import { AcuseReciboCargador } from './acuse-recibo.cargador';
import { SubsanacionRespondidaCargador } from './subsanacion-respondida.cargador';

/** The worker's part of registro and seguimiento: the loaders of the messages they write. */
@Module({ imports: [ReclamosModule], providers: [AcuseReciboCargador, SubsanacionRespondidaCargador] })
export class ReclamosMensajesModule {}
