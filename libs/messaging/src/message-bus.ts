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

/** What a subscription is doing, for health and metrics. */
export interface SubscriptionStatus {
  /** Joined to its group and fetching (false while the broker is unreachable or it restarts). */
  connected: boolean;
  /** The partitions this member holds, by topic (empty until it joins). */
  assignment: Record<string, number[]>;
  /** When a fetch last came back from the broker (ms since the epoch; null: never). */
  lastFetchAt: number | null;
  /** Times the client crashed and was started again. */
  restarts: number;
  lastError: string | null;
}

export interface Subscription {
  stop(): Promise<void>;
  status(): SubscriptionStatus;
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
  /**
   * How long the group waits for a member that stopped heartbeating (a crashed process) before
   * its partitions go to the others (ms; default 10,000).
   */
  sessionTimeoutMs?: number;
  /** Called per partition batch; offsets are committed only after it resolves. */
  handle(messages: IncomingMessage[]): Promise<void>;
  /** Told of assignments, crashes and restarts (one line each). */
  log?: (message: string) => void;
}

/** The last message of one partition: its headers, or null for an empty partition. */
export interface PartitionTail {
  partition: number;
  headers: Record<string, string> | null;
}

export interface MessageBus {
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /** The topics of `topics` that do not exist yet (empty when all do). */
  missingTopics(topics: string[]): Promise<string[]>;
  deleteTopics(topics: string[]): Promise<void>;
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  publish(messages: OutgoingMessage[]): Promise<void>;
  /**
   * The last message in every partition of each topic (by topic, in partition order): what a
   * producer that lost an acknowledgement needs to know in order not to publish twice.
   */
  partitionTails(topics: string[]): Promise<Map<string, PartitionTail[]>>;
  /** The partition `publish` puts a message with this key in, on a topic of `partitions`. */
  partitionFor(key: string, partitions: number): number;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Messages on `topics` the group has not committed yet (all partitions). */
  consumerLag(groupId: string, topics: string[]): Promise<number>;
  close(): Promise<void>;
}
