/**
 * `cli kafka replay` as an operator runs it against a real broker: preview, execute, the refusal
 * while the group has a consumer, and usage errors. Runs the compiled CLI (`nest build cli`).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { TimedMessage, TimedMessages } from '@app/messaging/testing/timed-messages';
import { testKafkaBrokers } from '../support/database';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/cli/src/main.js');

/** Six messages a minute apart, from 2025-05-01T08:00Z, on two partitions. */
const START = Date.parse('2025-05-01T08:00:00Z');
const MINUTE = 60_000;
const MESSAGES: TimedMessage[] = [0, 1, 1, 0, 0, 1].map((partition, i) => ({
  partition,
  value: `m${i}`,
  timestamp: START + i * MINUTE,
}));

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [MAIN, 'kafka', 'replay', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

describe('cli kafka replay', () => {
  const topic = `st-test-cli-replay-${randomUUID()}`;
  const group = `st-test-cli-replay-${randomUUID()}`;
  const kafka = { KAFKA_BROKERS: '' };
  const replay = (...args: string[]) => cli(['--group', group, ...args], kafka);
  let kit: TimedMessages;
  const committed = async () => Object.fromEntries(await kit.committed(group, topic));

  beforeAll(async () => {
    kafka.KAFKA_BROKERS = testKafkaBrokers().join(',');
    kit = new TimedMessages(testKafkaBrokers());
    await kit.createTopic(topic, 2, MESSAGES);
    expect(await kit.readToEnd(group, topic)).toEqual(['m0', 'm3', 'm4', 'm1', 'm2', 'm5']);
    expect(await committed()).toEqual({ 0: '3', 1: '3' });
  });
  afterAll(() => kit.cleanUp([topic], [group]));

  it('previews the move of every partition of the group’s topics, changing nothing', async () => {
    // 08:02:30+00:00 written as 10:02:30 at +02:00: m3, m4 (partition 0) and m5 (partition 1).
    const preview = replay('--to-time', '2025-05-01T10:02:30+02:00');
    expect(preview).toMatchObject({ code: 0, stderr: '' });
    expect(preview.stdout).toBe(
      [
        `${topic}[0]  3 → 1`,
        `${topic}[1]  3 → 2`,
        `group ${group} to 2025-05-01T08:02:30.000Z: 2 of 2 partitions (1 topic) would move`,
        'preview: nothing changed; add --execute',
        '',
      ].join('\n'),
    );
    expect(await committed()).toEqual({ 0: '3', 1: '3' });

    const json = replay('--to-time', '2025-05-01', '--topic', topic, '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      group,
      toTime: '2025-05-01T00:00:00.000Z',
      executed: false,
      partitions: [
        { topic, partition: 0, current: 3, target: 0 },
        { topic, partition: 1, current: 3, target: 0 },
      ],
    });
    expect(await committed()).toEqual({ 0: '3', 1: '3' });
  });

  it('moves the offsets with --execute: the group re-reads exactly the messages at or after the time', async () => {
    const executed = replay('--to-time', '2025-05-01T08:02:30Z', '--execute', '--json');
    expect(executed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(executed.stdout)).toMatchObject({
      executed: true,
      partitions: [
        { partition: 0, current: 3, target: 1 },
        { partition: 1, current: 3, target: 2 },
      ],
    });
    expect(await committed()).toEqual({ 0: '1', 1: '2' });
    expect(await kit.readToEnd(group, topic)).toEqual(['m3', 'm4', 'm5']);
    expect(await committed()).toEqual({ 0: '3', 1: '3' });

    // A time after every message: the end of each partition (nothing to re-read).
    const late = replay('--to-time', '2025-05-01T09:00:00Z', '--topic', topic, '--execute');
    expect(late.code).toBe(0);
    expect(late.stdout).toContain(`${topic}[0]  3 → 3\n`);
    expect(late.stdout).toMatch(/: 0 of 2 partitions \(1 topic\) moved\n$/);
    expect(late.stdout).not.toContain('preview');
  });

  it('refuses --execute while a consumer of the group runs, with exit 1, changing nothing', async () => {
    const member = await kit.member(group, topic);
    try {
      const refused = replay('--to-time', '2025-05-01', '--execute');
      expect(refused).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr).toBe(
        `error: consumer group "${group}" has 1 active member (state Stable): stop its consumers, then run again; no offset was changed\n`,
      );
      expect(await committed()).toEqual({ 0: '3', 1: '3' });
      // A preview still answers, and says why --execute would refuse.
      const preview = replay('--to-time', '2025-05-01');
      expect(preview.code).toBe(0);
      expect(preview.stderr).toMatch(/group ".*" has 1 active member; --execute refuses/);
    } finally {
      await member.stop();
    }
    expect(await committed()).toEqual({ 0: '3', 1: '3' });
  });

  it('refuses bad values and missing options with exit 2 naming the option, without a broker', () => {
    const noBroker = { KAFKA_BROKERS: '127.0.0.1:1' };
    const bad = cli(['--group', group, '--to-time', 'yesterday'], noBroker);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(
      /^error: option '--to-time <time>' argument 'yesterday' is invalid\. Expected an ISO 8601/,
    );
    expect(cli(['--group', group, '--to-time', '2025-05-01T10:00'], noBroker).code).toBe(2);
    const missing = cli(['--to-time', '2025-05-01'], noBroker);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--group <id>' not specified/);
    const help = cli(['--help'], noBroker);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cli kafka replay \[options\]/);
    expect(help.stdout).toMatch(/--to-time <time> +ISO 8601/);
  });

  it('exits 1 naming a topic that does not exist, and without KAFKA_BROKERS', () => {
    const unknown = replay('--to-time', '2025-05-01', '--topic', 'st-test-no-such-topic');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe('error: no such topic: st-test-no-such-topic\n');
    const unset = cli(['--group', group, '--to-time', '2025-05-01']);
    expect(unset).toMatchObject({ code: 1, stdout: '' });
    expect(unset.stderr).toMatch(/^error: KAFKA_BROKERS is not set/);
  });
});
