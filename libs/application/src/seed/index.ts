// The sample story: loaded on the embedded default's first start, and by `cli seed`.
import { SeedSampleDataHandler } from './seed-sample-data/seed-sample-data.handler';
export * from './seed';
export * from './seed-sample-data/seed-sample-data.command';

export const SEED_HANDLERS = [SeedSampleDataHandler];
