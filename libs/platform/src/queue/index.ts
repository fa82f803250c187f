export * from './queue-names';
export * from './queue-root.module';
