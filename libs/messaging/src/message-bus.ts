/**
 * The messaging port. Producers and consumers in the service talk to this, never to a
 * Kafka client directly, so the client library (kafkajs today) can be swapped.
 */
export interface OutgoingMessage {
  topic: string;
  /** Partition key: the stream id, so one stream's events stay in order. */
  key: string;
  value: Buffer | string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** Topic-level settings, e.g. { 'retention.ms': '-1' } for a replayable log. */
  config?: Record<string, string>;
}

export interface Subscription {
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: string[];
  fromBeginning?: boolean;
  /**
   * Partition batches handled at the same time (default 1). Batches of one partition are always
   * handled one after the other, in order.
   */
  concurrency?: number;
  /** Called per partition batch; offsets are committed only after it resolves. */
  handle(messages: IncomingMessage[]): Promise<void>;
}

export interface MessageBus {
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  deleteTopics(topics: string[]): Promise<void>;
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Messages on `topics` the group has not committed yet (all partitions). */
  consumerLag(groupId: string, topics: string[]): Promise<number>;
  close(): Promise<void>;
}
