export * from './rate-limit.decorator';
export * from './throttling.module';
