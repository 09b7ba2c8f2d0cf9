/**
 * Announces raised and cleared alerts on the alerts topic, for a newsroom's notifier: it follows
 * the change log's alert rows (gap-safe, in order) and moves its checkpoint (change_readers)
 * only after the broker acknowledged (acks=all), so a crash or an outage of any length repeats
 * at most the last batch — never skips one. Consumers tell a repeat by `ce_id`.
 *
 * CloudEvents 1.0, binary mode, like the store's events on the same topic (key
 * `alert-<alertId>`, so an alert's raise, reviews and clear stay in one partition's order);
 * `ce_source` marks them as the read models' (the Kafka projector passes them by).
 */
import type { DataSource } from 'typeorm';
import { topicFor, type MessageBus, type OutgoingMessage } from '@app/messaging';
import { Change, ChangeLog, ChangeKind } from './change-log';

export const READ_MODEL_SOURCE = 'urn:statement-tracker:read-models';
const ALERT_CHANGES: readonly ChangeKind[] = ['alert.raised', 'alert.cleared'];
const TYPES = { 'alert.raised': 'AlertRaised', 'alert.cleared': 'AlertCleared' } as const;

export interface AnnouncerStats {
  published: number;
  errors: number;
  lastError: string | null;
  failingSince: string | null;
  checkpoint: string | null;
  running: boolean;
}

/** A raised or cleared alert as its Kafka message. */
export function alertMessage(change: Change, topic = topicFor('alert')): OutgoingMessage {
  const type = TYPES[change.kind as keyof typeof TYPES];
  const alertId = String(change.data.alertId);
  return {
    topic,
    key: `alert-${alertId}`,
    value: JSON.stringify({ ...change.data, partyIds: change.actorIds, at: change.at }),
    headers: {
      ce_specversion: '1.0',
      ce_id: `${change.kind}:${alertId}:${change.at}`,
      ce_type: `statement-tracker.${type}.v1`,
      ce_source: READ_MODEL_SOURCE,
      ce_subject: `alert-${alertId}`,
      ce_time: change.at,
      'content-type': 'application/json',
      st_change_id: change.id,
    },
  };
}

export class AlertAnnouncer {
  private stopped = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly log: ChangeLog;
  private readonly stats: AnnouncerStats = {
    published: 0,
    errors: 0,
    lastError: null,
    failingSince: null,
    checkpoint: null,
    running: false,
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly options: {
      reader?: string;
      /** Default: the alerts topic. */
      topic?: string;
      batchSize?: number;
      idleMs?: number;
      log?: (message: string) => void;
    } = {},
  ) {
    this.log = new ChangeLog(dataSource);
  }

  private get reader(): string {
    return this.options.reader ?? 'alerts-topic';
  }

  async start(): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT tx::text AS tx, seq::text AS seq FROM change_readers WHERE reader = $1`,
      [this.reader],
    );
    this.stats.checkpoint = row ? `${row.tx}-${row.seq}` : null;
    this.stats.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.stats.running = false;
  }

  snapshot(): AnnouncerStats {
    return { ...this.stats };
  }

  private async run(): Promise<void> {
    let backoff = 200;
    while (!this.stopped) {
      try {
        const changes = await this.log.after(
          this.stats.checkpoint,
          this.options.batchSize ?? 200,
          undefined,
          ALERT_CHANGES,
        );
        if (changes.length > 0) {
          await this.bus.publish(changes.map((c) => alertMessage(c, this.options.topic)));
          const last = changes[changes.length - 1].id;
          const [tx, seq] = last.split('-');
          await this.dataSource.query(
            `INSERT INTO change_readers (reader, tx, seq) VALUES ($1, $2::xid8, $3)
             ON CONFLICT (reader) DO UPDATE SET tx = EXCLUDED.tx, seq = EXCLUDED.seq, updated_at = now()`,
            [this.reader, tx, seq],
          );
          this.stats.checkpoint = last;
          this.stats.published += changes.length;
        }
        this.stats.failingSince = null;
        backoff = 200;
        if (changes.length === 0) await this.sleep(this.options.idleMs ?? 250);
      } catch (error) {
        this.stats.errors += 1;
        this.stats.lastError = (error as Error).message;
        this.stats.failingSince ??= new Date().toISOString();
        this.options.log?.(
          `alert announcer: ${(error as Error).message}; retrying in ${backoff} ms`,
        );
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
