export * from './data-source';
export * from './database';
export * from './embedded-postgres';
export * from './database.module';
export * from './file-modes';
export * from './database-probe';
