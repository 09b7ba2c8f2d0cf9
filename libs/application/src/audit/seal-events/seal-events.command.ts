import { Command } from '@nestjs/cqrs';
import type { Seal } from '@app/event-store';

/** Seal the global order up to the last committed event (nothing new: no seal). */
export class SealEventsCommand extends Command<{ seals: Seal[] }> {}
