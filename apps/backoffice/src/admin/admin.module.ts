import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { StaffModule } from '@app/staff';
import { SessionGuard } from '../auth/session';
import { AdminPagesController } from './admin-pages.controller';
import { COLAS_VIGILADAS_PROVIDER, NOMBRES_DE_COLAS } from './colas-vigiladas';

/** The administrators' pages: failed messages and the queues. Needs QueueRootModule, PersistenceModule and ClockModule in the app. */
@Module({
  imports: [StaffModule, NotificationsModule, BullModule.registerQueue(...NOMBRES_DE_COLAS.map((name) => ({ name })))],
  controllers: [AdminPagesController],
  providers: [COLAS_VIGILADAS_PROVIDER, SessionGuard],
})
export class AdminModule {}
