export * from './logging.module';
export { errorForLog, withoutSecretsInUrl } from './redact-request';
