/**
 * Broker outages longer than the Kafka client's retry window (~30 s), three in a row, under a
 * steady write load, with the relay and the projector running as their own processes: the
 * broker is killed with SIGKILL and kept down for 10 s, 60 s and 3 min (KAFKA_OUTAGES overrides,
 * in seconds). Neither process may need a restart: both turn unhealthy while they cannot make
 * progress and healthy again after; every stored event reaches its topic exactly once, in
 * per-stream order; every alert the read models raised or cleared is announced on the alerts
 * topic; the read models equal a rebuild from the store.
 */
import { randomUUID } from 'node:crypto';
import { CommandRunner } from '@app/application';
import { PostgresEventStore } from '@app/event-store';
import { EVENT_CATEGORIES, IncomingMessage, KafkajsMessageBus, topicFor } from '@app/messaging';
import {
  ALL_PROJECTIONS,
  FeedProjector,
  PROJECTOR_GROUP,
  ProjectionEngine,
  READ_MODEL_SOURCE,
  readModelChecksums,
  resetProjections,
} from '@app/projections';
import { privateKafka, PrivateKafka } from '../../scripts/kafka/local-broker';
import { createTestDatabase, TestDatabase } from '../support/database';
import { generateHistory } from '../support/history';
import { AppProcess, freePort, getStatus, startApp, until } from '../support/processes';

const OUTAGES = (process.env.KAFKA_OUTAGES ?? '10,60,180').split(',').map(Number);
const TOPICS = EVENT_CATEGORIES.map(topicFor);

describe('broker outages under load (own broker, relay and projector processes)', () => {
  let kafka: PrivateKafka;
  let database: TestDatabase;
  let relay: AppProcess;
  let projector: AppProcess;
  let relayPort: number;
  let projectorPort: number;

  beforeAll(async () => {
    kafka = await privateKafka();
    kafka.start();
    database = await createTestDatabase(8);
    [relayPort, projectorPort] = [await freePort(), await freePort()];
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_PARTITIONS: '3',
      RELAY_METRICS_PORT: String(relayPort),
      PROJECTOR_METRICS_PORT: String(projectorPort),
      DB_POOL_SIZE: '4',
    };
    relay = startApp('relay', env);
    projector = startApp('projector', env);
  });
  afterAll(async () => {
    await relay?.stop();
    await projector?.stop();
    await database?.drop();
    kafka?.remove();
  });

  const relayHealth = () => getStatus(`http://127.0.0.1:${relayPort}/health`);
  const projectorHealth = () => getStatus(`http://127.0.0.1:${projectorPort}/health`);

  it(
    `loses and duplicates nothing through outages of ${OUTAGES.join(' s, ')} s`,
    async () => {
      await until('relay and projector healthy', async () => {
        const [r, p] = await Promise.all([relayHealth(), projectorHealth()]);
        return r.status === 200 && p.status === 200;
      });
      const store = new PostgresEventStore(database.dataSource);
      const runner = new CommandRunner(store, (work) => database.dataSource.transaction(work));
      // Steady load: a short history (actors, statements, corrections, accusations…) every
      // half second, all through the outages.
      let loading = true;
      let offered = 0;
      let chunk = 0;
      const load = (async () => {
        while (loading) {
          const { events } = await generateHistory(runner, {
            statements: 12,
            seed: ++chunk,
            prefix: `o${chunk}`,
          });
          offered += events;
          await new Promise((r) => setTimeout(r, 500));
        }
      })();

      const outages: Array<Record<string, number | boolean>> = [];
      try {
        for (const seconds of OUTAGES) {
          await new Promise((r) => setTimeout(r, 5_000)); // traffic flows before the fault
          const offeredBefore = offered;
          await kafka.crash();
          const down = Date.now();
          let relayTurned = false;
          let projectorTurned = false;
          while (Date.now() - down < seconds * 1000) {
            const [r, p] = await Promise.all([relayHealth(), projectorHealth()]);
            relayTurned ||= r.status === 503;
            projectorTurned ||= p.status === 503;
            await new Promise((r) => setTimeout(r, 1_000));
          }
          kafka.start();
          const recovered = await until(
            `relay and projector healthy after the ${seconds} s outage`,
            async () => {
              const [r, p] = await Promise.all([relayHealth(), projectorHealth()]);
              return r.status === 200 && p.status === 200;
            },
            180,
          );
          outages.push({
            seconds,
            offeredDuring: offered - offeredBefore,
            relayUnhealthy: relayTurned,
            projectorUnhealthy: projectorTurned,
            recoveredSeconds: recovered,
          });
          // Outages past the client's retry window must show: that is what health is for.
          if (seconds >= 30) {
            expect({ seconds, relayTurned, projectorTurned }).toEqual({
              seconds,
              relayTurned: true,
              projectorTurned: true,
            });
          }
        }
      } finally {
        loading = false;
        await load;
      }

      // Everything stored reaches Kafka and the read models, with no restart of either process.
      const stored: Array<{ event_id: string; stream_id: string }> =
        await database.dataSource.query(
          `SELECT event_id::text, stream_id FROM events ORDER BY stream_id, stream_position`,
        );
      expect(stored.length).toBe(offered);
      const bus = new KafkajsMessageBus({ brokers: kafka.brokers, clientId: 'outage-check' });
      try {
        await until(
          'the relay to publish everything',
          async () => (await relayHealth()).body?.lag === 0,
          180,
        );
        await until(
          'the projector to consume everything',
          async () => (await bus.consumerLag(PROJECTOR_GROUP, TOPICS)) === 0,
          180,
        );
        const everything = await readAll(bus, stored.length);
        // The alerts the read models raised or cleared share the alerts topic: checked below.
        const received = everything.filter((m) => m.headers.ce_source !== READ_MODEL_SOURCE);
        const ids = received.map((m) => m.headers.ce_id);
        const distinct = new Set(ids);
        const duplicates = ids.length - distinct.size;
        expect(stored.filter((e) => !distinct.has(e.event_id))).toEqual([]);
        expect(duplicates).toBe(0);
        // Per stream, Kafka holds the events in stream order.
        const byStream = new Map<string, string[]>();
        for (const m of received)
          byStream.set(m.key!, [...(byStream.get(m.key!) ?? []), m.headers.ce_id]);
        const expected = new Map<string, string[]>();
        for (const e of stored)
          expected.set(e.stream_id, [...(expected.get(e.stream_id) ?? []), e.event_id]);
        expect(byStream).toEqual(expected);
        // Every alert the projector raised or cleared through the outages was announced (at
        // least once) by the relay process, in each alert's order.
        const transitions: Array<{ kind: string; ref: string; at: Date }> =
          await database.dataSource.query(
            `SELECT kind, ref, at FROM rm_changes WHERE kind LIKE 'alert.%' ORDER BY tx, seq`,
          );
        const announced = async () => {
          const seen = new Set(
            (await readAll(bus, 0, [topicFor('alert')])).map((m) => m.headers.ce_id),
          );
          return transitions.filter(
            (t) => !seen.has(`${t.kind}:${t.ref}:${new Date(t.at).toISOString()}`),
          );
        };
        expect(transitions.length).toBeGreaterThan(0);
        await until(
          'every alert transition announced',
          async () => (await announced()).length === 0,
          180,
        );
        // The processes were never restarted: still the same pids, still running.
        expect([relay.child.exitCode, projector.child.exitCode]).toEqual([null, null]);
        const relayStats = (await relayHealth()).body!;
        console.log(
          JSON.stringify({
            test: 'kafka-outages',
            outages,
            offered,
            stored: stored.length,
            delivered: distinct.size,
            duplicates,
            relayAlreadyPublished: relayStats.alreadyPublished,
            alertTransitionsAnnounced: transitions.length,
            relayErrors: relayStats.errors,
          }),
        );
      } finally {
        await bus.close();
      }
      await projector.stop();
      const fromKafka = await readModelChecksums(database.dataSource, ALL_PROJECTIONS);
      expect(fromKafka.rm_statements.rows).toBeGreaterThan(100);
      await resetProjections(database.dataSource, ALL_PROJECTIONS);
      const engine = new ProjectionEngine(database.dataSource, ALL_PROJECTIONS, {
        source: 'rebuild',
      });
      await new FeedProjector(store, engine, database.dataSource).catchUp();
      expect(await readModelChecksums(database.dataSource, ALL_PROJECTIONS)).toEqual(fromKafka);
    },
    (OUTAGES.reduce((a, b) => a + b, 0) + 900) * 1000,
  );
});

/** Every message on the event topics, read by a group of its own; waits a little past the count for late duplicates. */
async function readAll(
  bus: KafkajsMessageBus,
  expected: number,
  topics = TOPICS,
): Promise<IncomingMessage[]> {
  const received: IncomingMessage[] = [];
  const subscription = await bus.subscribe({
    groupId: `outage-check-${randomUUID()}`,
    topics,
    fromBeginning: true,
    handle: async (messages) => void received.push(...messages),
  });
  try {
    await until(
      `${expected} distinct events on the topics`,
      () =>
        new Set(
          received
            .filter((m) => m.headers.ce_source !== READ_MODEL_SOURCE)
            .map((m) => m.headers.ce_id),
        ).size >= expected,
      120,
    );
    await new Promise((r) => setTimeout(r, 3_000));
  } finally {
    await subscription.stop();
  }
  return [...received];
}
