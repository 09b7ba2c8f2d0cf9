import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FeedCheckpoint, formatCheckpoint, ORIGIN } from './types';

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

/** Where an event sits: its stream and version, and its place in the global feed. */
export interface EventRef {
  streamId: string;
  streamPosition: number;
  globalPosition: number;
  eventId: string;
}

export type Breakage =
  | (EventRef & {
      kind: 'event';
      /**
       * hash-mismatch: content, predecessor or (hash version 2) feed position changed;
       * position-gap: events removed or renumbered before it; feed-order: it does not come
       * after its stream predecessor in the feed (events moved, where version-1 hashes can't tell).
       */
      reason: 'hash-mismatch' | 'position-gap' | 'feed-order';
      detail: string;
    })
  | {
      kind: 'stream-head';
      reason: 'head-mismatch' | 'missing-head';
      streamId: string;
      detail: string;
    }
  | {
      kind: 'seal';
      /** missing: a gap in the seal numbering; sealNumber is the first number missing. */
      reason: 'digest-mismatch' | 'chain-mismatch' | 'missing';
      sealNumber: number;
      detail: string;
    }
  | (EventRef & {
      /** The first event no seal covers although one should: */
      kind: 'unsealed';
      /**
       * seal-missing: it lies in the range of a seal that is gone (a gap in the numbering);
       * overdue: it is after the last seal and was recorded more than two seal intervals
       * before the newest event.
       */
      reason: 'seal-missing' | 'overdue';
      detail: string;
    });

export interface VerifyOptions {
  /**
   * The sealer's interval in ms (SEAL_INTERVAL_MS; default DEFAULT_SEAL_INTERVAL_MS). Events
   * recorded more than two intervals before the newest event must be covered by a seal. Age
   * counts from the newest event, not the clock, so a stopped api (no sealer, no appends) does
   * not fail verify. 0: sealing is off, nothing has to be sealed (gaps in the seal numbering
   * are still reported).
   */
  sealIntervalMs?: number;
}

/** The sealing interval verify() assumes when given none: the SEAL_INTERVAL_MS default. */
export const DEFAULT_SEAL_INTERVAL_MS = 60_000;

export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  sealsChecked: number;
  /** Events after the last seal (recent ones are normal: the sealer has not run yet). */
  unsealedEvents: number;
  /** The sealing interval the coverage check assumed (0: not checked). */
  sealIntervalMs: number;
  /**
   * The first problem: event and head problems (in feed order) before seal problems, then
   * events that no seal covers.
   */
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

  /**
   * Recompute every chain and seal; names the first event, stream head or seal that does not
   * match, and the first event that should be sealed but is not (see VerifyOptions).
   */
  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    const sealIntervalMs = options.sealIntervalMs ?? DEFAULT_SEAL_INTERVAL_MS;
    if (!Number.isInteger(sealIntervalMs) || sealIntervalMs < 0)
      throw new RangeError(`sealIntervalMs must be a non-negative integer, got ${sealIntervalMs}`);
    const problems: Breakage[] = [];
    const [{ events_checked, streams_checked }] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM events)::bigint AS events_checked, (SELECT count(*) FROM streams)::bigint AS streams_checked`,
    );
    await this.verifyEvents(problems);
    await this.verifyHeads(problems);
    const { sealsChecked, sealedTo, lastSealNumber } = await this.verifySeals(problems);
    const unsealedEvents = await this.verifyCoverage(
      problems,
      sealedTo,
      lastSealNumber,
      sealIntervalMs,
    );
    return {
      ok: problems.length === 0,
      eventsChecked: Number(events_checked),
      streamsChecked: Number(streams_checked),
      sealsChecked,
      unsealedEvents,
      sealIntervalMs,
      firstBroken: problems[0] ?? null,
      problems: problems.slice(0, MAX_PROBLEMS),
    };
  }

  /**
   * Each stream's chain, recomputed with the hash version each event was written with (1:
   * content; 2: content and feed position). Also catches a version-2 event relabelled as
   * version 1, and a version-1 event that no longer follows its predecessor in the feed.
   */
  private async verifyEvents(problems: Breakage[]): Promise<void> {
    const rows = await this.dataSource.query(
      `WITH chain AS (
         SELECT *,
                CASE hash_version
                  WHEN 1 THEN st_event_hash(prev_hash, stream_id, stream_position, event_id, type,
                                            schema_version, data, metadata, recorded_at)
                  WHEN 2 THEN st_event_hash_v2(prev_hash, transaction_id, global_position, stream_id,
                                               stream_position, event_id, type, schema_version, data,
                                               metadata, recorded_at)
                END AS expected_hash
           FROM (SELECT e.*, coalesce(lag(hash) OVER w, $1::bytea) AS prev_hash,
                        lag(hash_version) OVER w AS prev_version,
                        lag(global_position) OVER w AS prev_global_position,
                        coalesce(lag(stream_position) OVER w, 0) + 1 AS expected_position
                   FROM events e WINDOW w AS (PARTITION BY stream_id ORDER BY stream_position)) e)
       SELECT stream_id, stream_position, global_position, event_id, transaction_id::text AS transaction_text,
              expected_position, hash_version, prev_version, prev_global_position,
              hash IS DISTINCT FROM expected_hash AS hash_differs
         FROM chain
        WHERE stream_position <> expected_position OR hash IS DISTINCT FROM expected_hash
           OR hash_version < prev_version
           OR (global_position <= prev_global_position AND (hash_version = 1 OR prev_version = 1))
        ORDER BY transaction_id, global_position LIMIT $2`,
      [GENESIS, MAX_PROBLEMS],
    );
    for (const row of rows) {
      const ref = rowToEventRef(row);
      const version = Number(row.hash_version);
      const previousVersion = row.prev_version === null ? null : Number(row.prev_version);
      const problem = (reason: 'hash-mismatch' | 'position-gap' | 'feed-order', detail: string) =>
        problems.push({ kind: 'event', reason, ...ref, detail });
      if (ref.streamPosition !== Number(row.expected_position)) {
        problem(
          'position-gap',
          `expected stream position ${row.expected_position} before this event: event(s) removed or renumbered`,
        );
      } else if (version !== 1 && version !== 2) {
        problem('hash-mismatch', `unknown hash version ${version}`);
      } else if (previousVersion !== null && version < previousVersion) {
        problem(
          'hash-mismatch',
          `hash version ${version} after version ${previousVersion} in this stream: relabelled (version 1 does not bind the feed position)`,
        );
      } else if (row.hash_differs) {
        problem(
          'hash-mismatch',
          version === 1
            ? 'stored hash does not match the event content and its predecessor'
            : `stored hash does not match the event content, its predecessor and its feed position (${row.transaction_text}:${ref.globalPosition}): changed, or moved in the feed`,
        );
      } else {
        problem(
          'feed-order',
          `feed position ${ref.globalPosition} is not after ${row.prev_global_position}, that of stream position ${ref.streamPosition - 1}: events moved in the global feed`,
        );
      }
    }
  }

  private async verifyHeads(problems: Breakage[]): Promise<void> {
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
  }

  /**
   * Walks the seals in number order. A seal after a gap in the numbering is checked over its own
   * event count ending at its end (its start is gone with the missing seal), and the events
   * between the last seal before the gap and that range are reported unsealed.
   */
  private async verifySeals(
    problems: Breakage[],
  ): Promise<{ sealsChecked: number; sealedTo: FeedCheckpoint; lastSealNumber: number }> {
    const seals: Seal[] = (await this.dataSource.query(`${SEAL_SELECT} ORDER BY seal_number`)).map(
      rowToSeal,
    );
    let previousHash = GENESIS;
    let previousNumber = 0;
    let from: FeedCheckpoint = ORIGIN;
    for (const seal of seals) {
      const expected = previousNumber + 1;
      const gap = seal.sealNumber !== expected;
      const [range] = await this.dataSource.query(
        gap
          ? `WITH r AS (SELECT transaction_id, global_position, hash FROM events
                         WHERE (transaction_id, global_position) <= ($1::xid8, $2::bigint)
                         ORDER BY transaction_id DESC, global_position DESC LIMIT $3)
             ${RANGE_DIGEST} FROM r`
          : `${RANGE_DIGEST} FROM events
              WHERE (transaction_id, global_position) > ($3::xid8, $4::bigint)
                AND (transaction_id, global_position) <= ($1::xid8, $2::bigint)`,
        gap
          ? [seal.to.transactionId, seal.to.globalPosition, seal.eventCount]
          : [
              seal.to.transactionId,
              seal.to.globalPosition,
              from.transactionId,
              from.globalPosition,
            ],
      );
      const digest: Buffer | null = range.digest;
      const digestOk =
        range.event_count === seal.eventCount &&
        digest !== null &&
        digest.toString('hex') === seal.eventsDigest;
      if (gap) {
        problems.push({
          kind: 'seal',
          reason: 'missing',
          sealNumber: expected,
          detail: `seal${seal.sealNumber - expected > 1 ? `s ${expected}..${seal.sealNumber - 1} are` : ` ${expected} is`} missing before seal ${seal.sealNumber}: deleted`,
        });
        // Only a seal whose own range still matches tells where the missing range ended.
        if (digestOk) {
          const end = {
            transactionId: range.from_tx as string,
            globalPosition: Number(range.from_gp),
          };
          await this.reportMissingRange(
            problems,
            from,
            end,
            (count) =>
              `${count} event(s) from here on lay in the missing seal${seal.sealNumber - expected > 1 ? 's' : ''} (before seal ${seal.sealNumber}) and are covered by no seal`,
          );
        }
      }
      if (!digestOk) {
        problems.push({
          kind: 'seal',
          reason: 'digest-mismatch',
          sealNumber: seal.sealNumber,
          detail: gap
            ? `the ${seal.eventCount} events up to ${formatCheckpoint(seal.to)} no longer match the seal (found ${range.event_count}): changed, inserted, deleted or reordered`
            : `events in (${formatCheckpoint(from)}, ${formatCheckpoint(seal.to)}] no longer match the seal (sealed ${seal.eventCount}, found ${range.event_count}): changed, inserted, deleted or reordered`,
        });
      } else if (
        !gap &&
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
      previousNumber = seal.sealNumber;
      from = seal.to;
    }
    return { sealsChecked: seals.length, sealedTo: from, lastSealNumber: previousNumber };
  }

  /**
   * Events after the last seal: counted, and the first one recorded more than two seal
   * intervals before the newest event is reported (the sealer seals every interval).
   */
  private async verifyCoverage(
    problems: Breakage[],
    sealedTo: FeedCheckpoint,
    lastSealNumber: number,
    sealIntervalMs: number,
  ): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT h.unsealed, h.newest, e.stream_id, e.stream_position, e.global_position, e.event_id, e.recorded_at
         FROM (SELECT max(recorded_at) AS newest,
                      (count(*) FILTER (WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)))::int AS unsealed
                 FROM events) h
         LEFT JOIN LATERAL (
           SELECT stream_id, stream_position, global_position, event_id, recorded_at FROM events
            WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
              AND $3::bigint > 0 AND recorded_at < h.newest - ($3::bigint * 2) * interval '1 millisecond'
            ORDER BY transaction_id, global_position LIMIT 1) e ON true`,
      [sealedTo.transactionId, sealedTo.globalPosition, sealIntervalMs],
    );
    if (row.event_id !== null) {
      problems.push({
        kind: 'unsealed',
        reason: 'overdue',
        ...rowToEventRef(row),
        detail: `recorded ${(row.recorded_at as Date).toISOString()}, more than two seal intervals (2 × ${sealIntervalMs} ms) before the newest event (${(row.newest as Date).toISOString()}), and ${lastSealNumber ? `after the last seal (${lastSealNumber}, up to ${formatCheckpoint(sealedTo)})` : 'there are no seals'}: seals deleted, or the sealer is not running`,
      });
    }
    return row.unsealed;
  }

  /** Reports the first event in (after, before) of the feed, if any, as in a missing seal. */
  private async reportMissingRange(
    problems: Breakage[],
    after: FeedCheckpoint,
    before: FeedCheckpoint,
    detail: (count: number) => string,
  ): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT stream_id, stream_position, global_position, event_id, count(*) OVER ()::int AS n
         FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND (transaction_id, global_position) < ($3::xid8, $4::bigint)
        ORDER BY transaction_id, global_position LIMIT 1`,
      [after.transactionId, after.globalPosition, before.transactionId, before.globalPosition],
    );
    if (row)
      problems.push({
        kind: 'unsealed',
        reason: 'seal-missing',
        ...rowToEventRef(row),
        detail: detail(row.n),
      });
  }
}

/** Count, digest (in feed order) and first position of a range of events. */
const RANGE_DIGEST = `SELECT count(*)::int AS event_count,
         sha256(string_agg(hash, ''::bytea ORDER BY transaction_id, global_position)) AS digest,
         (array_agg(transaction_id::text ORDER BY transaction_id, global_position))[1] AS from_tx,
         (array_agg(global_position ORDER BY transaction_id, global_position))[1] AS from_gp`;

function rowToEventRef(row: Record<string, unknown>): EventRef {
  return {
    streamId: row.stream_id as string,
    streamPosition: Number(row.stream_position),
    globalPosition: Number(row.global_position),
    eventId: row.event_id as string,
  };
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
