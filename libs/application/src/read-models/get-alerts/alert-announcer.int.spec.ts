/**
 * Raised and cleared alerts reach Kafka (a real broker): in order, once each, and a restarted
 * announcer goes on from its checkpoint instead of announcing again.
 */
import { randomUUID } from 'node:crypto';
import { AlertAnnouncer } from '@app/projections';
import { IncomingMessage, KafkajsMessageBus, Subscription } from '@app/messaging';
import { testKafkaBrokers } from '../../../../../test/support/database';
import { CorrectStatementCommand } from '../../statements/correct-statement/correct-statement.command';
import { recordStatement, registerActors, registerSource } from '../../testing/fixtures';
import { createHarness, Harness } from '../../testing/harness';

describe('alert announcements on Kafka', () => {
  const topic = `statement-tracker.alerttest${randomUUID().slice(0, 8)}.v1`;
  let h: Harness;
  let bus: KafkajsMessageBus;
  let subscription: Subscription;
  const received: IncomingMessage[] = [];
  beforeAll(async () => {
    h = await createHarness();
    bus = new KafkajsMessageBus({ brokers: testKafkaBrokers(), clientId: 'announcer-test' });
    await bus.ensureTopics([{ topic, partitions: 3 }]);
    subscription = await bus.subscribe({
      groupId: `check-${topic}`,
      topics: [topic],
      fromBeginning: true,
      handle: async (messages) => {
        received.push(...messages);
      },
    });
  });
  afterAll(async () => {
    await subscription.stop();
    await bus.deleteTopics([topic]);
    await bus.close();
    await h.close();
  });

  const waitFor = async (count: number) => {
    for (let i = 0; i < 300 && received.length < count; i++)
      await new Promise((r) => setTimeout(r, 100));
  };

  it('announces a raise and its clear, and a restart announces nothing twice', async () => {
    await registerActors(h, 'russia', 'nato');
    const sourceId = await registerSource(h);
    const attack = await recordStatement(h, sourceId, {
      speakerId: 'russia',
      kind: 'accusation',
      targetIds: ['russia'],
      quote: 'our own provocation',
    });
    await h.project();
    const first = new AlertAnnouncer(h.dataSource, bus, { topic, idleMs: 50 });
    await first.start();
    await waitFor(1);
    await first.stop();
    await h.commands.execute(
      new CorrectStatementCommand(
        attack,
        { changes: { speakerId: 'nato' }, reason: 'NATO said it' },
        h.context(),
      ),
    );
    await h.project();
    const second = new AlertAnnouncer(h.dataSource, bus, { topic, idleMs: 50 });
    await second.start();
    await waitFor(2);
    await new Promise((r) => setTimeout(r, 500));
    await second.stop();

    expect(received.map((m) => m.headers.ce_type)).toEqual([
      'statement-tracker.AlertRaised.v1',
      'statement-tracker.AlertCleared.v1',
    ]);
    const [raised, cleared] = received.map((m) => JSON.parse(m.value!.toString()));
    expect(raised).toMatchObject({
      type: 'self-directed-hostility',
      actorId: 'russia',
      evidence: [attack],
      partyIds: ['russia'],
    });
    expect(cleared.alertId).toBe(raised.alertId);
    expect(received[0].key).toBe(`alert-${raised.alertId}`);
    expect(received[0].headers.ce_source).toBe('urn:statement-tracker:read-models');
    expect(new Set(received.map((m) => m.headers.ce_id)).size).toBe(2);
  });
});
