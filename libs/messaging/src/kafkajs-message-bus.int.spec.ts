import { randomUUID } from 'node:crypto';
import { testKafkaBrokers } from '../../../test/support/database';
import { KafkajsMessageBus } from './kafkajs-message-bus';
import type { IncomingMessage } from './message-bus';

describe('KafkajsMessageBus against a real broker', () => {
  const topic = `st-test-${randomUUID()}`;
  let bus: KafkajsMessageBus;

  beforeAll(() => {
    bus = new KafkajsMessageBus({ brokers: testKafkaBrokers(), clientId: 'st-test' });
  });
  afterAll(async () => {
    await bus.deleteTopics([topic]);
    await bus.close();
  });

  it('creates a topic, publishes keyed messages with headers and reads them back in per-key order', async () => {
    await bus.ensureTopics([{ topic, partitions: 3, config: { 'retention.ms': '-1' } }]);
    await bus.ensureTopics([{ topic, partitions: 3 }]); // idempotent
    const keys = ['statement-a', 'statement-b', 'actor-c'];
    const sent = Array.from({ length: 30 }, (_, i) => ({
      topic,
      key: keys[i % 3],
      value: JSON.stringify({ i }),
      headers: { ce_id: randomUUID(), ce_type: 'Tick' },
    }));
    await bus.publish(sent);

    const received: IncomingMessage[] = [];
    const done = new Promise<void>((resolve) => {
      void bus.subscribe({
        groupId: `st-test-${randomUUID()}`,
        topics: [topic],
        fromBeginning: true,
        handle: async (messages) => {
          received.push(...messages);
          if (received.length >= sent.length) resolve();
        },
      });
    });
    await done;

    expect(received).toHaveLength(30);
    expect(new Set(received.map((m) => m.headers.ce_id))).toEqual(
      new Set(sent.map((m) => m.headers.ce_id)),
    );
    for (const key of keys) {
      const order = received
        .filter((m) => m.key === key)
        .map((m) => JSON.parse(m.value!.toString()).i);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order).toHaveLength(10);
    }
  });
});
