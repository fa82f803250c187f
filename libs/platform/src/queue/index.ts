export * from './jobs';
export * from './queue-root.module';
