import { randomUUID } from 'node:crypto';
import { testKafkaBrokers } from '../../../test/support/database';
import { ConsumerGroupActiveError, ConsumerGroupReplay } from './consumer-group-replay';
import { TimedMessage, TimedMessages } from './testing/timed-messages';

/** Ten messages a minute apart, an hour ago, spread unevenly over three partitions. */
const START = Date.now() - 3_600_000;
const MINUTE = 60_000;
const PARTITIONS = [0, 0, 1, 0, 2, 1, 0, 2, 2, 1];
const MESSAGES: TimedMessage[] = PARTITIONS.map((partition, i) => ({
  partition,
  value: `m${i}`,
  timestamp: START + i * MINUTE,
}));
/** What a replay to `time` must leave to be read again, by partition then offset. */
const since = (time: number) =>
  [0, 1, 2].flatMap((p) =>
    MESSAGES.filter((m) => m.partition === p && m.timestamp >= time).map((m) => m.value),
  );
/** Per partition: the offset of its first message at or after `time` (its end when none). */
const offsetsAt = (time: number) =>
  [0, 1, 2].map((p) =>
    String(MESSAGES.filter((m) => m.partition === p && m.timestamp < time).length),
  );
const ENDS = offsetsAt(Infinity);

describe('ConsumerGroupReplay against a real broker', () => {
  const topic = `st-test-replay-${randomUUID()}`;
  const group = `st-test-replay-${randomUUID()}`;
  let kit: TimedMessages;
  let replay: ConsumerGroupReplay;
  const committed = async () => Object.fromEntries(await kit.committed(group, topic));

  beforeAll(async () => {
    kit = new TimedMessages(testKafkaBrokers());
    replay = new ConsumerGroupReplay({ brokers: testKafkaBrokers(), clientId: 'st-test-replay' });
    await kit.createTopic(topic, 3, MESSAGES);
    expect(await kit.readToEnd(group, topic)).toEqual(since(0));
    expect(await committed()).toEqual({ 0: ENDS[0], 1: ENDS[1], 2: ENDS[2] });
  });
  afterAll(async () => {
    await replay.close();
    await kit.cleanUp([topic], [group]);
  });

  it('previews: every partition from its committed offset to the time, changing nothing', async () => {
    const time = START + 5 * MINUTE; // m5 and after
    const before = await committed();
    // No topic named: the topics the group has committed offsets on.
    const plan = await replay.plan(group, new Date(time));
    expect(plan).toMatchObject({ group, topics: [topic], state: 'Empty', members: 0 });
    expect(plan.partitions).toEqual(
      [0, 1, 2].map((partition) => ({
        topic,
        partition,
        current: ENDS[partition],
        target: offsetsAt(time)[partition],
      })),
    );
    expect(offsetsAt(time)).toEqual(['3', '1', '1']);
    expect(await committed()).toEqual(before);
  });

  it('targets the end of a partition for a time after its last message, and the start before its first', async () => {
    const late = await replay.plan(group, new Date(START + 7 * MINUTE + 1), [topic]);
    // After m7: nothing more on partition 0; m9 on partition 1, m8 on partition 2.
    expect(late.partitions.map((p) => p.target)).toEqual([ENDS[0], '2', '2']);
    const future = await replay.plan(group, new Date(Date.now() + 3_600_000), [topic]);
    expect(future.partitions.map((p) => p.target)).toEqual(ENDS);
    const early = await replay.plan(group, new Date(START - MINUTE), [topic]);
    expect(early.partitions.map((p) => p.target)).toEqual(['0', '0', '0']);
  });

  it('moves the offsets on execute, so the group re-reads exactly the messages at or after the time', async () => {
    const time = START + 4 * MINUTE; // m4 and after
    const plan = await replay.plan(group, new Date(time), [topic]);
    await replay.execute(plan);
    expect(await committed()).toEqual({ 0: '3', 1: '1', 2: '0' });
    const reread = await kit.readToEnd(group, topic);
    expect(reread).toEqual(since(time));
    expect(reread.sort()).toEqual(['m4', 'm5', 'm6', 'm7', 'm8', 'm9']);
  });

  it('refuses to execute while the group has a member, changing no offset', async () => {
    const before = await committed();
    expect(before).toEqual({ 0: ENDS[0], 1: ENDS[1], 2: ENDS[2] });
    const member = await kit.member(group, topic);
    try {
      const plan = await replay.plan(group, new Date(START), [topic]);
      expect(plan.members).toBe(1);
      const refused = await replay.execute(plan).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ConsumerGroupActiveError);
      expect((refused as Error).message).toBe(
        `consumer group "${group}" has 1 active member (state Stable): stop its consumers, then run again; no offset was changed`,
      );
      expect(await committed()).toEqual(before);
    } finally {
      await member.stop();
    }
    expect(await committed()).toEqual(before);
  });

  it('refuses a topic that does not exist', async () => {
    await expect(replay.plan(group, new Date(START), ['st-test-no-such-topic'])).rejects.toThrow(
      'no such topic: st-test-no-such-topic',
    );
  });
});
