/**
 * What Kafka already holds, per partition, as feed positions: the relay fills every partition
 * in feed order, so the last message of a partition says exactly how far that partition got.
 * After a lost acknowledgement or a restart, events at or below their partition's tail are
 * already there and are not published again.
 */
import type { EventEnvelope, FeedCheckpoint } from '@app/event-store';
import type { MessageBus, PartitionTail } from '../message-bus';

type Position = { transactionId: bigint; globalPosition: number };

function compare(a: Position, b: Position): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  return a.globalPosition - b.globalPosition;
}

function positionOf(headers: Record<string, string> | null): Position | null {
  if (!headers) return null;
  const tx = headers.st_transaction_id;
  const gp = Number(headers.st_global_position);
  if (!/^\d{1,20}$/.test(tx ?? '') || !Number.isSafeInteger(gp)) return null;
  return { transactionId: BigInt(tx), globalPosition: gp };
}

export class PublishedTails {
  private constructor(
    private readonly bus: MessageBus,
    private readonly tails: Map<string, Array<Position | null>>,
    private readonly highest: Position | null,
  ) {}

  static async read(bus: MessageBus, topics: string[]): Promise<PublishedTails> {
    const read: Map<string, PartitionTail[]> = await bus.partitionTails(topics);
    const tails = new Map<string, Array<Position | null>>();
    let highest: Position | null = null;
    for (const [topic, partitions] of read) {
      const positions = partitions.map((p) => positionOf(p.headers));
      tails.set(topic, positions);
      for (const position of positions)
        if (position && (!highest || compare(position, highest) > 0)) highest = position;
    }
    return new PublishedTails(bus, tails, highest);
  }

  /** True when this event is already in its partition. */
  published(topic: string, event: EventEnvelope): boolean {
    const partitions = this.tails.get(topic);
    if (!partitions || partitions.length === 0 || !this.highest) return false;
    const tail = partitions[this.bus.partitionFor(event.streamId, partitions.length)];
    return (
      tail !== null &&
      compare(
        { transactionId: BigInt(event.transactionId), globalPosition: event.globalPosition },
        tail,
      ) <= 0
    );
  }

  /** Once the relay's checkpoint has passed every tail, nothing after it can be in Kafka. */
  passedBy(checkpoint: FeedCheckpoint | null): boolean {
    if (!this.highest) return true;
    return (
      checkpoint !== null &&
      compare(
        {
          transactionId: BigInt(checkpoint.transactionId),
          globalPosition: checkpoint.globalPosition,
        },
        this.highest,
      ) >= 0
    );
  }
}
