export * from './http-error.filter';
export * from './validation-pipe';
export * from './fastify-errors';
