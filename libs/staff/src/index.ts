export * from './staff-user';
export * from './sign-in.usecase';
export * from './list-entidades.usecase';
export * from './staff.module';
