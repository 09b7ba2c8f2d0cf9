import { Command } from '@nestjs/cqrs';
import type { SeedResult } from '../seed';

/**
 * Load the sample story (actors, sources, statements, accusations, propositions) through the
 * deciders, in one transaction; nothing when it is already there.
 */
export class SeedSampleDataCommand extends Command<SeedResult> {
  constructor(readonly userId: string) {
    super();
  }
}
