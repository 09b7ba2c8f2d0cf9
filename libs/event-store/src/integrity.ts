import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { FeedCheckpoint } from './types';

export interface Seal {
  sealNumber: number;
  /** Inclusive end of the sealed range of the global feed. */
  to: FeedCheckpoint;
  eventCount: number;
  /** SHA-256 over the event hashes of the range, in feed order. */
  eventsDigest: string;
  /** SHA-256(previous seal hash ‖ number ‖ end ‖ count ‖ digest): the chain head to publish. */
  sealHash: string;
  sealedAt: Date;
}

export type Breakage =
  | {
      kind: 'event';
      reason: 'hash-mismatch' | 'position-gap';
      streamId: string;
      streamPosition: number;
      globalPosition: number;
      eventId: string;
      detail: string;
    }
  | {
      kind: 'stream-head';
      reason: 'head-mismatch' | 'missing-head';
      streamId: string;
      detail: string;
    }
  | {
      kind: 'seal';
      reason: 'digest-mismatch' | 'chain-mismatch';
      sealNumber: number;
      detail: string;
    };

export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  sealsChecked: number;
  /** The first problem in feed order (event and head problems before seal problems). */
  firstBroken: Breakage | null;
  /** Up to 100 problems found. */
  problems: Breakage[];
}

const GENESIS = Buffer.alloc(32);
const SEAL_LOCK = 7_316_001; // advisory lock key: one sealer at a time
const MAX_PROBLEMS = 100;

/** Tamper evidence: per-stream hash chains (written by append) and seals over the global order. */
export class EventStoreIntegrity {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Seal every visible event after the last seal, in batches of up to `batchSize`.
   * Returns the seals written (none when nothing new is visible).
   */
  async seal(batchSize = 100_000): Promise<Seal[]> {
    const written: Seal[] = [];
    for (;;) {
      const seal = await this.dataSource.transaction((manager) =>
        this.sealOnce(manager, batchSize),
      );
      if (!seal) return written;
      written.push(seal);
    }
  }

  async lastSeal(): Promise<Seal | null> {
    const rows = await this.dataSource.query(`${SEAL_SELECT} ORDER BY seal_number DESC LIMIT 1`);
    return rows.length ? rowToSeal(rows[0]) : null;
  }

  private async sealOnce(manager: EntityManager, batchSize: number): Promise<Seal | null> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK]);
    const lastRows = await manager.query(`${SEAL_SELECT} ORDER BY seal_number DESC LIMIT 1`);
    const last = lastRows.length ? rowToSeal(lastRows[0]) : null;
    const from = last?.to ?? { transactionId: '0', globalPosition: 0 };
    const [range] = await manager.query(
      `WITH batch AS (
         SELECT transaction_id, global_position, hash FROM events
          WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
            AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY transaction_id, global_position LIMIT $3)
       SELECT count(*)::int AS event_count,
              sha256(string_agg(hash, ''::bytea ORDER BY transaction_id, global_position)) AS digest,
              (array_agg(transaction_id::text ORDER BY transaction_id DESC, global_position DESC))[1] AS to_tx,
              (array_agg(global_position ORDER BY transaction_id DESC, global_position DESC))[1] AS to_gp
         FROM batch`,
      [from.transactionId, from.globalPosition, batchSize],
    );
    if (range.event_count === 0) return null;
    const sealNumber = (last?.sealNumber ?? 0) + 1;
    const to = { transactionId: range.to_tx as string, globalPosition: Number(range.to_gp) };
    const sealHash = computeSealHash(
      last ? Buffer.from(last.sealHash, 'hex') : GENESIS,
      sealNumber,
      to,
      range.event_count,
      range.digest,
    );
    const [row] = await manager.query(
      `INSERT INTO event_seals (seal_number, to_transaction_id, to_global_position, event_count, events_digest, seal_hash)
       VALUES ($1, $2::xid8, $3, $4, $5, $6) RETURNING ${SEAL_COLUMNS}`,
      [sealNumber, to.transactionId, to.globalPosition, range.event_count, range.digest, sealHash],
    );
    return rowToSeal(row);
  }

  /** Recompute every chain and seal; names the first event, stream head or seal that does not match. */
  async verify(): Promise<VerifyReport> {
    const problems: Breakage[] = [];
    const [{ events_checked, streams_checked }] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM events)::bigint AS events_checked, (SELECT count(*) FROM streams)::bigint AS streams_checked`,
    );
    const eventProblems = await this.dataSource.query(
      `WITH chain AS (
         SELECT stream_id, stream_position, global_position, transaction_id, event_id, hash,
                st_event_hash(coalesce(lag(hash) OVER w, $1::bytea), stream_id, stream_position, event_id, type,
                              schema_version, data, metadata, recorded_at) AS expected_hash,
                coalesce(lag(stream_position) OVER w, 0) + 1 AS expected_position
           FROM events WINDOW w AS (PARTITION BY stream_id ORDER BY stream_position))
       SELECT stream_id, stream_position, global_position, event_id, expected_position
         FROM chain WHERE hash <> expected_hash OR stream_position <> expected_position
        ORDER BY transaction_id, global_position LIMIT $2`,
      [GENESIS, MAX_PROBLEMS],
    );
    for (const row of eventProblems) {
      const position = Number(row.stream_position);
      const gap = position !== Number(row.expected_position);
      problems.push({
        kind: 'event',
        reason: gap ? 'position-gap' : 'hash-mismatch',
        streamId: row.stream_id,
        streamPosition: position,
        globalPosition: Number(row.global_position),
        eventId: row.event_id,
        detail: gap
          ? `expected stream position ${row.expected_position} before this event: event(s) removed or renumbered`
          : 'stored hash does not match the event content and its predecessor',
      });
    }
    const headProblems = await this.dataSource.query(
      `SELECT coalesce(s.stream_id, e.stream_id) AS stream_id, s.version, e.max_position, s.last_hash = e.last_hash AS hash_ok
         FROM streams s
         FULL JOIN (SELECT DISTINCT ON (stream_id) stream_id, stream_position AS max_position, hash AS last_hash
                      FROM events ORDER BY stream_id, stream_position DESC) e ON e.stream_id = s.stream_id
        WHERE s.stream_id IS NULL OR e.stream_id IS NULL OR s.version <> e.max_position OR s.last_hash <> e.last_hash
        ORDER BY 1 LIMIT $1`,
      [MAX_PROBLEMS],
    );
    for (const row of headProblems) {
      problems.push(
        row.version === null
          ? {
              kind: 'stream-head',
              reason: 'missing-head',
              streamId: row.stream_id,
              detail: 'events exist for a stream with no head row',
            }
          : {
              kind: 'stream-head',
              reason: 'head-mismatch',
              streamId: row.stream_id,
              detail: `head says version ${row.version}, last stored event is ${row.max_position ?? 'none'}${row.hash_ok === false ? ', hash differs' : ''}`,
            },
      );
    }
    const sealsChecked = await this.verifySeals(problems);
    return {
      ok: problems.length === 0,
      eventsChecked: Number(events_checked),
      streamsChecked: Number(streams_checked),
      sealsChecked,
      firstBroken: problems[0] ?? null,
      problems: problems.slice(0, MAX_PROBLEMS),
    };
  }

  private async verifySeals(problems: Breakage[]): Promise<number> {
    const seals: Seal[] = (await this.dataSource.query(`${SEAL_SELECT} ORDER BY seal_number`)).map(
      rowToSeal,
    );
    let previousHash = GENESIS;
    let from: FeedCheckpoint = { transactionId: '0', globalPosition: 0 };
    for (const [index, seal] of seals.entries()) {
      const [range] = await this.dataSource.query(
        `SELECT count(*)::int AS event_count,
                sha256(string_agg(hash, ''::bytea ORDER BY transaction_id, global_position)) AS digest
           FROM events
          WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
            AND (transaction_id, global_position) <= ($3::xid8, $4::bigint)`,
        [from.transactionId, from.globalPosition, seal.to.transactionId, seal.to.globalPosition],
      );
      const digest: Buffer | null = range.digest;
      if (seal.sealNumber !== index + 1) {
        problems.push({
          kind: 'seal',
          reason: 'chain-mismatch',
          sealNumber: seal.sealNumber,
          detail: `expected seal number ${index + 1}`,
        });
      } else if (
        range.event_count !== seal.eventCount ||
        !digest ||
        digest.toString('hex') !== seal.eventsDigest
      ) {
        problems.push({
          kind: 'seal',
          reason: 'digest-mismatch',
          sealNumber: seal.sealNumber,
          detail: `events in (${from.transactionId}:${from.globalPosition}, ${seal.to.transactionId}:${seal.to.globalPosition}] no longer match the seal (sealed ${seal.eventCount}, found ${range.event_count}): changed, inserted, deleted or reordered`,
        });
      } else if (
        computeSealHash(previousHash, seal.sealNumber, seal.to, seal.eventCount, digest).toString(
          'hex',
        ) !== seal.sealHash
      ) {
        problems.push({
          kind: 'seal',
          reason: 'chain-mismatch',
          sealNumber: seal.sealNumber,
          detail: 'seal hash does not chain from the previous seal',
        });
      }
      previousHash = Buffer.from(seal.sealHash, 'hex');
      from = seal.to;
    }
    return seals.length;
  }
}

export function computeSealHash(
  previous: Buffer,
  sealNumber: number,
  to: FeedCheckpoint,
  eventCount: number,
  digest: Buffer,
): Buffer {
  return createHash('sha256')
    .update(previous)
    .update(`${sealNumber}\n${to.transactionId}\n${to.globalPosition}\n${eventCount}\n`)
    .update(digest)
    .digest();
}

const SEAL_COLUMNS = `seal_number, to_transaction_id::text AS to_transaction_id, to_global_position,
  event_count, events_digest, seal_hash, sealed_at`;
const SEAL_SELECT = `SELECT ${SEAL_COLUMNS} FROM event_seals`;

function rowToSeal(row: Record<string, unknown>): Seal {
  return {
    sealNumber: Number(row.seal_number),
    to: {
      transactionId: row.to_transaction_id as string,
      globalPosition: Number(row.to_global_position),
    },
    eventCount: row.event_count as number,
    eventsDigest: (row.events_digest as Buffer).toString('hex'),
    sealHash: (row.seal_hash as Buffer).toString('hex'),
    sealedAt: row.sealed_at as Date,
  };
}
