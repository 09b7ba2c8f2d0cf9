import { Command } from '@nestjs/cqrs';
import type { Versioned, WriteContext } from '../../shared/write-context';
import type { SourceView } from '../source-view';

export interface Registration extends Versioned<SourceView> {
  sourceId: string;
  /** The same text was registered before: nothing new was written. */
  existing: boolean;
}

/**
 * Register a document; its text's SHA-256 is computed here. With text, the source's id is
 * named by that hash (the same text again creates nothing) and the statements the extractor
 * finds in it are proposed for review (`extract: false` skips that).
 */
export class RegisterSourceCommand extends Command<Registration> {
  constructor(
    readonly input: Record<string, unknown>,
    readonly context: WriteContext,
  ) {
    super();
  }
}
