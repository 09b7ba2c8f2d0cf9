/**
 * The accusations read model: each accusation (rm_accusations) and the responses linked to it,
 * by stream position (rm_accusation_responses). Its status is derived at query time by the
 * domain's rule, from the responses visible then.
 *
 * An accusation-kind statement opens its accusation as it is recorded (same id as the
 * statement). Histories recorded before that rule have statements without one: the projection
 * derives it (`derived`, no event behind it) so the graph counts what the timeline shows. An
 * AccusationMade for the statement — the record itself, or one made later by hand — replaces
 * the derived row.
 */
import {
  AccusationEvent,
  AccusationResponseEvent,
  accusedBy,
  allegationOf,
  foldEvents,
  responseOf,
  StatementContent,
  StatementEvent,
  statementDecider,
} from '@app/domain';
import { EventHandlers, Projection, ProjectionEvent, Sql } from '../projection';

/** A denial, acknowledgement or withdrawal: the kind of response is the domain's for the type. */
const respond = (sql: Sql, e: ProjectionEvent<AccusationResponseEvent>) =>
  sql.query(
    `INSERT INTO rm_accusation_responses
       (accusation_id, position, response, statement_id, respondent_id, known_from)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      e.data.accusationId,
      e.streamPosition,
      responseOf(e.type),
      e.data.statementId,
      e.data.respondentId,
      e.recordedAt.toISOString(),
    ],
  );

/**
 * Kafka lanes run side by side, and a statement and its accusation travel on different topics:
 * deriving one and recording one take turns per statement, so neither misses the other.
 */
const turnOf = (sql: Sql, statementIds: string[]) =>
  sql.query(
    `SELECT count(pg_advisory_xact_lock(hashtext('statement-tracker.accusation:' || id)))
       FROM (SELECT DISTINCT id FROM unnest($1::text[]) AS id ORDER BY id) ids`,
    [statementIds],
  );

interface Derivation {
  statementId: string;
  accuserId: string;
  accusedIds: string[];
  allegation: string;
  at: string;
}

/** The accusation a statement implies (none if it is no accusation, or accuses no one else). */
function derivation(statementId: string, content: StatementContent, at: Date): Derivation | null {
  if (content.kind !== 'accusation') return null;
  const accusedIds = accusedBy({ ...content, targetIds: content.targetIds ?? [] });
  if (accusedIds.length === 0) return null;
  return {
    statementId,
    accuserId: content.principalId ?? content.speakerId,
    accusedIds,
    allegation: allegationOf(content),
    at: at.toISOString(),
  };
}

/** Rows for the derivations whose statements have no accusation on record yet (one statement). */
async function derive(sql: Sql, derivations: Derivation[]): Promise<void> {
  if (derivations.length === 0) return;
  await turnOf(
    sql,
    derivations.map((d) => d.statementId),
  );
  await sql.query(
    `INSERT INTO rm_accusations
       (accusation_id, statement_id, accuser_id, accused_ids, allegation, known_from, derived)
     SELECT d."statementId", d."statementId"::uuid, d."accuserId", d."accusedIds", d.allegation,
            d.at, true
       FROM jsonb_to_recordset($1::jsonb) AS d("statementId" text, "accuserId" text,
            "accusedIds" text[], allegation text, at timestamptz)
      WHERE NOT EXISTS (SELECT 1 FROM rm_accusations a WHERE a.statement_id = d."statementId"::uuid)
     ON CONFLICT (accusation_id) DO NOTHING`,
    [JSON.stringify(derivations)],
  );
}

const ATTRIBUTION = ['kind', 'targetIds', 'speakerId', 'principalId'];

/** Does the correction touch attribution or kind (what an accusation is derived from)? */
const reattributes = (e: ProjectionEvent<'StatementCorrected'>) =>
  ATTRIBUTION.some((field) => field in (e.data.changes ?? {}));

/**
 * The streams of the statements these corrections re-attribute, each up to its last corrected
 * position (one read for the batch); `contentAfter` folds a correction's prefix in memory.
 */
async function correctedStreams(
  sql: Sql,
  corrections: Array<ProjectionEvent<'StatementCorrected'>>,
): Promise<Map<string, Array<StatementEvent & { position: number }>>> {
  const upTo = new Map<string, number>();
  for (const e of corrections)
    upTo.set(e.streamId, Math.max(upTo.get(e.streamId) ?? 0, e.streamPosition));
  const streams = new Map<string, Array<StatementEvent & { position: number }>>();
  if (upTo.size === 0) return streams;
  const rows = await sql.query<StatementEvent & { stream_id: string; position: number }>(
    `SELECT e.stream_id, e.stream_position AS position, e.type, e.data
       FROM unnest($1::text[], $2::bigint[]) AS s(stream_id, up_to)
       JOIN events e ON e.stream_id = s.stream_id AND e.stream_position <= s.up_to
      ORDER BY e.stream_id, e.stream_position`,
    [[...upTo.keys()], [...upTo.values()]],
  );
  for (const { stream_id, ...event } of rows)
    streams.set(stream_id, [...(streams.get(stream_id) ?? []), event]);
  return streams;
}

/** What a correction leaves the statement saying (its stream up to it). */
function contentAfter(
  streams: Map<string, Array<StatementEvent & { position: number }>>,
  e: ProjectionEvent<'StatementCorrected'>,
): StatementContent | null {
  const prefix = (streams.get(e.streamId) ?? []).filter(
    (r) => Number(r.position) <= e.streamPosition,
  );
  return foldEvents(statementDecider, prefix).content ?? null;
}

const ACCUSATION_HANDLERS: EventHandlers<
  AccusationEvent['type'] | 'StatementRecorded' | 'StatementCorrected'
> = {
  StatementRecorded: async (sql, e) => {
    const derived = derivation(e.data.statementId, e.data, e.recordedAt);
    if (derived) await derive(sql, [derived]);
  },
  StatementCorrected: async (sql, e) => {
    if (!reattributes(e)) return;
    const content = contentAfter(await correctedStreams(sql, [e]), e);
    const derived = content ? derivation(e.data.statementId, content, e.recordedAt) : null;
    if (derived) await derive(sql, [derived]);
  },
  AccusationMade: async (sql, e) => {
    await turnOf(sql, [e.data.statementId]);
    await sql.query(`DELETE FROM rm_accusations WHERE statement_id = $1 AND derived`, [
      e.data.statementId,
    ]);
    await sql.query(
      `INSERT INTO rm_accusations (accusation_id, statement_id, accuser_id, accused_ids, allegation, known_from)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        e.data.accusationId,
        e.data.statementId,
        e.data.accuserId,
        e.data.accusedIds,
        e.data.allegation,
        e.recordedAt.toISOString(),
      ],
    );
  },
  AccusationDenied: respond,
  AccusationAcknowledged: respond,
  AccusationWithdrawn: respond,
};

const TABLES = [
  { table: 'rm_accusations', key: 'accusation_id' },
  { table: 'rm_accusation_responses', key: 'accusation_id, position' },
];
type Handled = keyof typeof ACCUSATION_HANDLERS;

/** Handlers in event order; new statements in runs, derived in one statement per run. */
export const accusationsProjection: Projection<Handled> = {
  name: 'accusations',
  handles: new Set(Object.keys(ACCUSATION_HANDLERS) as Handled[]),
  tables: TABLES,
  async apply(sql, events) {
    const streams = await correctedStreams(
      sql,
      events.filter(
        (e): e is ProjectionEvent<'StatementCorrected'> =>
          e.type === 'StatementCorrected' && reattributes(e),
      ),
    );
    let run: Derivation[] = [];
    const inRun = new Set<string>();
    for (const event of events) {
      // A statement's derivation, and a re-attributing correction's, join the run: the first
      // derived for a statement stands, as one by one (a later one would find it there).
      if (event.type === 'StatementRecorded' || event.type === 'StatementCorrected') {
        const content =
          event.type === 'StatementRecorded'
            ? event.data
            : reattributes(event)
              ? contentAfter(streams, event)
              : null;
        const derived = content && derivation(event.data.statementId, content, event.recordedAt);
        if (derived && !inRun.has(derived.statementId)) {
          run.push(derived);
          inRun.add(derived.statementId);
        }
        continue;
      }
      await derive(sql, run);
      run = [];
      inRun.clear();
      await (ACCUSATION_HANDLERS[event.type] as (sql: Sql, e: typeof event) => Promise<unknown>)(
        sql,
        event,
      );
    }
    await derive(sql, run);
  },
};
