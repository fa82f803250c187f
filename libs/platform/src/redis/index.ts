export * from './redis.module';
export * from './conexion';
