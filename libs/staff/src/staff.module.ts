import { Module } from '@nestjs/common';
import { ListEntidadesUseCase } from './list-entidades.usecase';
import { ConfirmPasswordResetUseCase, RequestPasswordResetUseCase } from './password-reset.usecase';
import { CreateSessionUseCase, RevokeAllSessionsUseCase, RevokeSessionUseCase, ValidateSessionUseCase } from './sessions.usecase';
import { GetStaffUserUseCase, SignInUseCase } from './sign-in.usecase';
import {
  AcceptInvitationUseCase,
  DeactivateStaffUseCase,
  DesignateResponsableUseCase,
  InviteStaffUseCase,
  ListStaffUseCase,
  ReactivateStaffUseCase,
} from './staff-accounts.usecase';

const USE_CASES = [
  SignInUseCase,
  GetStaffUserUseCase,
  ListEntidadesUseCase,
  CreateSessionUseCase,
  ValidateSessionUseCase,
  RevokeSessionUseCase,
  RevokeAllSessionsUseCase,
  RequestPasswordResetUseCase,
  ConfirmPasswordResetUseCase,
  InviteStaffUseCase,
  AcceptInvitationUseCase,
  DeactivateStaffUseCase,
  ListStaffUseCase,
  ReactivateStaffUseCase,
  DesignateResponsableUseCase,
];

/**
 * Back-office staff: sign-in with lock-out, revocable sessions, password reset, invitations and
 * deactivation, and what a staff member may list. Needs PersistenceModule and ClockModule in the app.
 */
@Module({ providers: USE_CASES, exports: USE_CASES })
export class StaffModule {}
