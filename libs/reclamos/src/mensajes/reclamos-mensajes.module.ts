import { Module } from '@nestjs/common';
import { ReclamosModule } from '../reclamos.module';
import { AcuseReciboCargador } from './acuse-recibo.cargador';

/** The worker's part of registro: the loader of the messages registro writes. */
@Module({ imports: [ReclamosModule], providers: [AcuseReciboCargador] })
export class ReclamosMensajesModule {}
