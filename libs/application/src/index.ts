export * from './command-runner';
export * from './seed/seed';
export * from './metrics';
