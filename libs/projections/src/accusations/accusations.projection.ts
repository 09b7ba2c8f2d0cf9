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
  statementStreamId,
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

/** What a correction touching attribution or kind leaves the statement saying (its stream up to it). */
async function contentAfter(sql: Sql, statementId: string, position: number) {
  const rows = await sql.query<StatementEvent>(
    `SELECT type, data FROM events WHERE stream_id = $1 AND stream_position <= $2
      ORDER BY stream_position`,
    [statementStreamId(statementId), position],
  );
  const state = foldEvents(statementDecider, rows as StatementEvent[]);
  return state.content;
}

const ATTRIBUTION = ['kind', 'targetIds', 'speakerId', 'principalId'];

const ACCUSATION_HANDLERS: EventHandlers<
  AccusationEvent['type'] | 'StatementRecorded' | 'StatementCorrected'
> = {
  StatementRecorded: async (sql, e) => {
    const derived = derivation(e.data.statementId, e.data, e.recordedAt);
    if (derived) await derive(sql, [derived]);
  },
  StatementCorrected: async (sql, e) => {
    const changes: object = e.data.changes ?? {};
    if (!ATTRIBUTION.some((field) => field in changes)) return;
    const content = await contentAfter(sql, e.data.statementId, e.streamPosition);
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
    let run: Derivation[] = [];
    for (const event of events) {
      if (event.type === 'StatementRecorded') {
        const derived = derivation(event.data.statementId, event.data, event.recordedAt);
        if (derived) run.push(derived);
        continue;
      }
      await derive(sql, run);
      run = [];
      await (ACCUSATION_HANDLERS[event.type] as (sql: Sql, e: typeof event) => Promise<unknown>)(
        sql,
        event,
      );
    }
    await derive(sql, run);
  },
};
