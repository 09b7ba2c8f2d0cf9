/**
 * `cli kafka replay`: a consumer group's offsets moved to a point in time. Loaded only when it
 * runs (kafkajs). The broker comes from KAFKA_BROKERS, as for the relay; no database is opened.
 */
import { loadConfig } from '@app/config/config';
import {
  ConsumerGroupReplay,
  ReplayPartition,
  ReplayPlan,
} from '@app/messaging/consumer-group-replay';
import { EXIT } from './options';

export interface KafkaReplayFlags {
  group: string;
  toTime: Date;
  topic?: string[];
  execute?: boolean;
  json?: boolean;
}

export async function kafkaReplay(flags: KafkaReplayFlags): Promise<number> {
  const config = loadConfig();
  if (!config.kafka)
    throw new Error('KAFKA_BROKERS is not set: the brokers to work on (host:port,…)');
  const replay = new ConsumerGroupReplay({
    brokers: config.kafka.brokers,
    clientId: `${config.kafka.clientId}-cli`,
  });
  try {
    const plan = await replay.plan(flags.group, flags.toTime, flags.topic);
    // Refused (ConsumerGroupActiveError, exit 1 by main) while the group has members.
    if (flags.execute) await replay.execute(plan);
    else if (plan.members > 0)
      process.stderr.write(
        `note: group "${plan.group}" has ${plan.members} active member${plan.members === 1 ? '' : 's'}; --execute refuses until they stop\n`,
      );
    process.stdout.write(
      flags.json
        ? `${JSON.stringify(asJson(plan, Boolean(flags.execute)))}\n`
        : asText(plan, Boolean(flags.execute)),
    );
    return EXIT.ok;
  } finally {
    await replay.close();
  }
}

function asJson(plan: ReplayPlan, executed: boolean) {
  return {
    group: plan.group,
    toTime: plan.toTime.toISOString(),
    executed,
    partitions: plan.partitions.map(({ topic, partition, current, target }) => ({
      topic,
      partition,
      current: current === null ? null : Number(current),
      target: Number(target),
    })),
  };
}

function asText(plan: ReplayPlan, executed: boolean): string {
  const label = (p: ReplayPartition) => `${p.topic}[${p.partition}]`;
  const width = Math.max(...plan.partitions.map((p) => label(p).length));
  const lines = plan.partitions.map(
    (p) => `${label(p).padEnd(width)}  ${p.current ?? 'none'} → ${p.target}`,
  );
  const moving = plan.partitions.filter((p) => p.current !== p.target).length;
  const topics = `${plan.topics.length} topic${plan.topics.length === 1 ? '' : 's'}`;
  lines.push(
    `group ${plan.group} to ${plan.toTime.toISOString()}: ${moving} of ${plan.partitions.length} partitions (${topics}) ${executed ? 'moved' : 'would move'}`,
  );
  if (!executed) lines.push('preview: nothing changed; add --execute');
  return `${lines.join('\n')}\n`;
}
