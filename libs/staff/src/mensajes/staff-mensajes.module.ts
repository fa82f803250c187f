import { Module } from '@nestjs/common';
import { CuentasCargador } from './cuentas.cargador';

/** The worker's part of staff: the loader of the account messages (reset, invitation). */
@Module({ providers: [CuentasCargador] })
export class StaffMensajesModule {}
