import { Module } from '@nestjs/common';
import { ListEntidadesUseCase } from './list-entidades.usecase';
import { GetStaffUserUseCase, SignInUseCase } from './sign-in.usecase';

const USE_CASES = [SignInUseCase, GetStaffUserUseCase, ListEntidadesUseCase];

/** Back-office staff: sign-in and what a staff member may list. Needs PersistenceModule in the app. */
@Module({ providers: USE_CASES, exports: USE_CASES })
export class StaffModule {}
