/**
 * Replay for a consumer group: its committed offsets moved to the first message at or after a
 * time, on every partition of its topics (the end of a partition with no such message), so its
 * consumers re-read from there. `plan` only reads; `execute` refuses while the group has
 * members, whose own commits would overwrite the new offsets (Kafka refuses them too).
 */
import { Admin, Kafka, KafkaJSProtocolError, logLevel } from 'kafkajs';
import { LazyAdmin } from './lazy-admin';
import { EVENT_CATEGORIES, topicFor } from './relay/cloudevents';

/** Every event topic the relay publishes to (docs/asyncapi.yaml). */
export const EVENT_TOPICS: readonly string[] = EVENT_CATEGORIES.map(topicFor);

export interface ReplayPartition {
  topic: string;
  partition: number;
  /** The group's committed offset; null when it has none there. */
  current: string | null;
  /** The first message at or after the time; the end offset when every message is older. */
  target: string;
}

export interface ReplayPlan {
  group: string;
  toTime: Date;
  topics: string[];
  /** By topic, in partition order. */
  partitions: ReplayPartition[];
  /** The group as the broker describes it (Empty, Stable, Dead, …) when the plan was made. */
  state: string;
  members: number;
}

export class ConsumerGroupActiveError extends Error {
  constructor(
    readonly group: string,
    readonly members: number,
    readonly state: string,
  ) {
    super(
      `consumer group "${group}" has ${members} active member${members === 1 ? '' : 's'} ` +
        `(state ${state}): stop its consumers, then run again; no offset was changed`,
    );
    this.name = 'ConsumerGroupActiveError';
  }
}

export interface ConsumerGroupReplayOptions {
  brokers: string[];
  clientId: string;
  /** kafkajs retries per request (default 3: a command line should not wait half a minute). */
  retries?: number;
}

/** Group states in which no member holds partitions, so offsets may be set from outside. */
const IDLE_STATES = ['Empty', 'Dead'];

export class ConsumerGroupReplay {
  private readonly admin: LazyAdmin;

  constructor(options: ConsumerGroupReplayOptions) {
    this.admin = new LazyAdmin(
      new Kafka({
        clientId: options.clientId,
        brokers: options.brokers,
        logLevel: logLevel.NOTHING,
        retry: { retries: options.retries ?? 3, initialRetryTime: 200, maxRetryTime: 2_000 },
      }),
    );
  }

  /**
   * Where `toTime` puts the group on `topics` (default: the topics it has committed offsets on;
   * with none, every event topic that exists). Changes nothing.
   */
  async plan(group: string, toTime: Date, topics?: readonly string[]): Promise<ReplayPlan> {
    const admin = await this.connect();
    const existing = new Set(await admin.listTopics());
    let chosen: string[];
    if (topics && topics.length > 0) {
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length > 0) throw new Error(`no such topic: ${missing.join(', ')}`);
      chosen = [...new Set(topics)];
    } else {
      const committed = (await retriedAdminCall(() => admin.fetchOffsets({ groupId: group })))
        .filter(({ partitions }) => partitions.some((p) => Number(p.offset) >= 0))
        .map(({ topic }) => topic)
        .filter((topic) => existing.has(topic));
      chosen = committed.length > 0 ? committed : EVENT_TOPICS.filter((t) => existing.has(t));
      if (chosen.length === 0)
        throw new Error(
          `nothing to replay: group "${group}" has no committed offsets and no event topic exists; name one with --topic`,
        );
    }
    chosen.sort();
    const current = await this.committed(group, chosen);
    const partitions: ReplayPartition[] = [];
    for (const topic of chosen) {
      // kafkajs answers a partition with no message at or after the time with its end offset.
      const targets = await admin.fetchTopicOffsetsByTimestamp(topic, toTime.getTime());
      for (const { partition, offset } of targets.sort((a, b) => a.partition - b.partition))
        partitions.push({
          topic,
          partition,
          current: current.get(`${topic}[${partition}]`) ?? null,
          target: offset,
        });
    }
    const { state, members } = await this.describe(group);
    return { group, toTime, topics: chosen, partitions, state, members };
  }

  /**
   * Commits the plan's targets for the group. Throws ConsumerGroupActiveError, changing
   * nothing, while the group has members; checks afterwards that every offset is where planned.
   */
  async execute(plan: ReplayPlan): Promise<void> {
    const admin = await this.connect();
    const before = await this.describe(plan.group);
    if (!isIdle(before))
      throw new ConsumerGroupActiveError(plan.group, before.members, before.state);
    const moved: string[] = [];
    for (const topic of plan.topics) {
      const partitions = plan.partitions
        .filter((p) => p.topic === topic)
        .map(({ partition, target }) => ({ partition, offset: target }));
      try {
        await admin.setOffsets({ groupId: plan.group, topic, partitions });
      } catch (error) {
        // A consumer joined since the check: kafkajs refuses to set offsets under it.
        if (!/no running instances/.test((error as Error).message)) throw error;
        const { state, members } = await this.describe(plan.group);
        if (moved.length === 0) throw new ConsumerGroupActiveError(plan.group, members, state);
        throw new Error(
          `consumer group "${plan.group}" got ${members} active member(s) while its offsets were being set: ` +
            `moved on ${moved.join(', ')}, not on the other topics; stop its consumers and run again`,
        );
      }
      moved.push(topic);
    }
    const after = await this.committed(plan.group, plan.topics);
    const wrong = plan.partitions.filter(
      (p) => after.get(`${p.topic}[${p.partition}]`) !== p.target,
    );
    if (wrong.length > 0)
      throw new Error(
        `offsets not where planned: ${wrong
          .map(
            (p) =>
              `${p.topic}[${p.partition}] at ${after.get(`${p.topic}[${p.partition}]`) ?? 'none'}, not ${p.target}`,
          )
          .join('; ')}`,
      );
  }

  /** The group's committed offsets on `topics`, by "topic[partition]" (none: absent). */
  async committed(group: string, topics: readonly string[]): Promise<Map<string, string>> {
    const admin = await this.connect();
    const offsets = new Map<string, string>();
    for (const { topic, partitions } of await retriedAdminCall(() =>
      admin.fetchOffsets({ groupId: group, topics: [...topics] }),
    ))
      for (const { partition, offset } of partitions)
        if (Number(offset) >= 0) offsets.set(`${topic}[${partition}]`, offset);
    return offsets;
  }

  close(): Promise<void> {
    return this.admin.close();
  }

  private async describe(group: string): Promise<{ state: string; members: number }> {
    const admin = await this.connect();
    const { groups } = await retriedAdminCall(() => admin.describeGroups([group]));
    const found = groups.find((g) => g.groupId === group);
    return { state: found?.state ?? 'Dead', members: found?.members.length ?? 0 };
  }

  private connect(): Promise<Admin> {
    return this.admin.get();
  }
}

/**
 * An admin call tried again while the broker answers with a retriable protocol error: kafkajs
 * does not retry fetchOffsets, and a broker that is (re)loading its group metadata answers
 * NOT_COORDINATOR for a few seconds. Connection errors are not retried here (kafkajs has).
 */
export async function retriedAdminCall<T>(work: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1, delay = 200; ; attempt++, delay = Math.min(delay * 2, 3_000)) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof KafkaJSProtocolError && error.retriable) || attempt >= attempts)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function isIdle({ state, members }: { state: string; members: number }): boolean {
  return IDLE_STATES.includes(state) && members === 0;
}
