/**
 * The alerts read model (rm_alerts): every alert the rules raise, one row per stretch of time it
 * stood — raised when the record first showed it, cleared (known_to) when a correction,
 * retraction or withdrawal took its evidence away — so `knownAt` reads what was flagged then.
 * Each raise and clear is also written to the change log (rm_changes) for the live stream and
 * the alerts topic.
 *
 * Alerts compare streams (a stance against the actor's earlier ones), so after the other read
 * models applied a batch this projection re-runs the rules for the actors the batch touched, as
 * known at each transaction's time in turn; each actor's last pass reads everything known, which
 * puts the current alerts right whatever order Kafka partitions delivered the events in (times
 * are exact in feed order: the embedded default, rebuilds).
 */
import type { Projection, ProjectionEvent, Sql } from '../projection';
import { raisedAlerts, RaisedAlert } from './alert-rules';
import { logChanges } from '../changes/change-log';

const HANDLES = [
  'StatementRecorded',
  'StatementCorrected',
  'StatementRetracted',
  'StatementWithdrawn',
  'StatementMentionAdded',
  'StatementStanceTaken',
  'ActorAffiliationAdded',
  'ActorAffiliationEnded',
] as const;
type Handled = (typeof HANDLES)[number];

/** Past this many earlier moments in one batch, only each actor's last touch is replayed. */
export const EXACT_REPLAY_MOMENTS = 32;

interface StoredAlert extends RaisedAlert {
  knownFrom: string;
  partyIds: string[];
}

export const alertsProjection: Projection<Handled> = {
  name: 'alerts',
  handles: new Set(HANDLES),
  tables: [
    {
      table: 'rm_alerts',
      key: 'alert_id, known_from',
      // When each alert was raised depends on the order Kafka lanes arrive in; what stands does not.
      checksum: {
        columns:
          'alert_id, type, reason, actor_id, party_ids, dated_on, date_basis, evidence, details',
        where: 'known_to IS NULL',
        key: 'alert_id',
      },
    },
  ],
  async apply(sql, events) {
    const { actorsOf, earliest } = await statementActors(sql, events);
    const voicesOf = await affiliatedSubjects(sql, events);
    // Alerts raised before the earliest date the batch's statements count from (any version)
    // cannot change; an affiliation can change any of its actors' alerts.
    const since = voicesOf.size > 0 ? undefined : (earliest ?? undefined);
    // When, within the batch, each actor was touched (transaction times, ms).
    const touched = new Map<string, number[]>();
    for (const event of events) {
      const at = event.recordedAt.getTime();
      const actors =
        event.type === 'ActorAffiliationAdded' || event.type === 'ActorAffiliationEnded'
          ? (voicesOf.get(event.data.actorId) ?? [event.data.actorId])
          : (actorsOf.get(event.data.statementId) ?? []);
      for (const actor of actors) touched.set(actor, [...(touched.get(actor) ?? []), at]);
    }
    // Kafka lanes run side by side: two batches touching one actor would each miss the
    // other's uncommitted statements. One at a time per actor (locks taken in one order, held
    // to commit); the second then reads what the first committed.
    await sql.query(
      `SELECT count(pg_advisory_xact_lock(hashtext('statement-tracker.alerts:' || a)))
         FROM (SELECT DISTINCT a FROM unnest($1::text[]) AS a ORDER BY a) actors`,
      [[...touched.keys()]],
    );
    // An actor's alerts depend on its own statements and affiliations only, so they can change
    // only when it is touched. Each touch but its last is replayed as known then; the last is
    // read from what is known now (the current rows, by their indexes), at its own time.
    const exact = new Map<number, string[]>();
    const latest = new Map<string, Date>();
    for (const [actor, times] of touched) {
      const sorted = [...new Set(times)].sort((a, b) => a - b);
      for (const at of sorted.slice(0, -1)) exact.set(at, [...(exact.get(at) ?? []), actor]);
      latest.set(actor, new Date(sorted[sorted.length - 1]));
    }
    // A catch-up or rebuild batch (hundreds of transactions) would replay thousands of moments:
    // there the times of alerts raised and cleared within the batch are those of the batch's
    // last touch of each actor (ADR 12); live batches are small and exact.
    if (exact.size <= EXACT_REPLAY_MOMENTS)
      for (const [at, actors] of [...exact].sort(([a], [b]) => a - b))
        await maintainAlerts(sql, actors, new Date(at), true, since);
    // Every actor's last touch in one pass: what is known now, each at its own time.
    await maintainAlerts(sql, [...latest.keys()], latest, false, since);
  },
};

/**
 * An affiliation changes the alerts of everyone its actor speaks as or for: the actor, and the
 * subjects of the statements it is speaker or principal of (self-directed hostility reads the
 * speaker's and the principal's bodies).
 */
async function affiliatedSubjects(sql: Sql, events: ProjectionEvent[]) {
  const ids = [
    ...new Set(
      events.flatMap((e) =>
        e.type === 'ActorAffiliationAdded' || e.type === 'ActorAffiliationEnded'
          ? [e.data.actorId]
          : [],
      ),
    ),
  ];
  const result = new Map<string, string[]>();
  if (ids.length === 0) return result;
  const rows = await sql.query<{ member: string; subjects: string[] }>(
    `SELECT m.member, array_agg(DISTINCT x) AS subjects
       FROM unnest($1::text[]) AS m(member)
       CROSS JOIN LATERAL (
         SELECT m.member AS x
         UNION SELECT s.actor_id FROM rm_statements s WHERE s.speaker_id = m.member
         UNION SELECT s.actor_id FROM rm_statements s WHERE s.principal_id = m.member
       ) subjects
      GROUP BY m.member`,
    [ids],
  );
  for (const row of rows) result.set(row.member, row.subjects);
  return result;
}

/**
 * The speakers and principals of every version of the statements the events are about, and the
 * earliest date any of those versions counts from.
 */
async function statementActors(
  sql: Sql,
  events: ProjectionEvent[],
): Promise<{ actorsOf: Map<string, string[]>; earliest: string | null }> {
  const ids = [
    ...new Set(
      events.flatMap((e) =>
        'statementId' in e.data && e.streamId.startsWith('statement-') ? [e.data.statementId] : [],
      ),
    ),
  ];
  const actorsOf = new Map<string, string[]>();
  if (ids.length === 0) return { actorsOf, earliest: null };
  const rows = await sql.query<{ statement_id: string; actors: string[]; earliest: string }>(
    `SELECT statement_id::text, array_agg(DISTINCT a) AS actors, min(s.dated_on)::text AS earliest
       FROM rm_statements s, unnest(ARRAY[s.speaker_id, s.actor_id]) AS a
      WHERE s.statement_id = ANY($1::uuid[]) GROUP BY s.statement_id`,
    [ids],
  );
  let earliest: string | null = null;
  for (const row of rows) {
    actorsOf.set(row.statement_id, row.actors);
    if (earliest === null || row.earliest < earliest) earliest = row.earliest;
  }
  return { actorsOf, earliest };
}

/**
 * Re-run the rules for the subjects as known at `at` (or with everything known, `exact` off)
 * and bring their stored alerts in line: raise the new, clear the gone, re-version the changed.
 * With `since` (an ISO date), only the alerts raised by statements dated from then on.
 */
export async function maintainAlerts(
  sql: Sql,
  subjects: string[],
  at: Date | ReadonlyMap<string, Date>,
  exact: boolean,
  since?: string,
): Promise<void> {
  if (subjects.length === 0) return;
  const stored = await sql.query<StoredAlert>(
    `SELECT alert_id AS "alertId", type, reason, actor_id AS "actorId", dated_on::text AS "saidOn",
            date_basis AS "dateBasis", evidence, details, known_from AS "knownFrom",
            party_ids AS "partyIds"
       FROM rm_alerts WHERE actor_id = ANY($1) AND known_to IS NULL
        AND ($2::date IS NULL OR dated_on >= $2::date)`,
    [subjects, since ?? null],
  );
  // Each actor's moment, never before any of its current alerts was raised (Kafka lanes may
  // deliver an older transaction late): the latest, by index, whatever `since` leaves out.
  const moment = new Map<string, number>();
  for (const subject of subjects)
    moment.set(subject, (at instanceof Date ? at : (at.get(subject) ?? new Date(0))).getTime());
  const floors = await sql.query<{ actor_id: string; known_from: Date }>(
    `SELECT s.actor_id, latest.known_from FROM unnest($1::text[]) AS s(actor_id)
       CROSS JOIN LATERAL (
         SELECT a.known_from FROM rm_alerts a WHERE a.actor_id = s.actor_id AND a.known_to IS NULL
          ORDER BY a.known_from DESC LIMIT 1) latest`,
    [subjects],
  );
  for (const floor of floors)
    moment.set(
      floor.actor_id,
      Math.max(moment.get(floor.actor_id) ?? 0, new Date(floor.known_from).getTime()),
    );
  const when = (actorId: string) => new Date(moment.get(actorId) ?? Date.now()).toISOString();
  if (exact && !(at instanceof Date)) throw new Error('an exact replay is of one moment');
  const knownAt = exact ? (at as Date).toISOString() : undefined;
  const now = await raisedAlerts(sql, subjects, knownAt, since);
  const parties = await partiesOf(sql, now, knownAt);
  const raised = new Map(now.map((a) => [a.alertId, a]));
  const current = new Map(stored.map((a) => [a.alertId, a]));
  const cleared = stored.filter((a) => !raised.has(a.alertId));
  const fresh = now.filter((a) => !current.has(a.alertId));
  const changed = now.filter((a) => {
    const before = current.get(a.alertId);
    return before !== undefined && !sameAlert(before, a, parties.get(a.alertId)!);
  });
  const closing = [...cleared, ...changed];
  if (closing.length > 0)
    await sql.query(
      `UPDATE rm_alerts a SET known_to = c.at
         FROM unnest($1::text[], $2::timestamptz[]) AS c(alert_id, at)
        WHERE a.alert_id = c.alert_id AND a.known_to IS NULL`,
      [closing.map((a) => a.alertId), closing.map((a) => when(a.actorId))],
    );
  const opening = [...fresh, ...changed].map((a) => ({
    ...a,
    partyIds: parties.get(a.alertId),
    knownFrom: when(a.actorId),
  }));
  if (opening.length > 0)
    await sql.query(
      `INSERT INTO rm_alerts (alert_id, known_from, type, reason, actor_id, party_ids, dated_on,
                              date_basis, evidence, details)
       SELECT a."alertId", a."knownFrom", a.type, a.reason, a."actorId", a."partyIds",
              a."saidOn"::date, a."dateBasis", a.evidence, a.details
         FROM jsonb_to_recordset($1::jsonb) AS a("alertId" text, "knownFrom" timestamptz,
              type text, reason text, "actorId" text, "partyIds" text[], "saidOn" text,
              "dateBasis" text, evidence text[], details jsonb)
       ON CONFLICT (alert_id, known_from) DO UPDATE SET
         known_to = NULL, dated_on = EXCLUDED.dated_on, date_basis = EXCLUDED.date_basis,
         details = EXCLUDED.details, party_ids = EXCLUDED.party_ids`,
      [JSON.stringify(opening)],
    );
  const change = (kind: 'alert.raised' | 'alert.cleared', alert: RaisedAlert, ids: string[]) => {
    const { alertId, type, reason, actorId, saidOn, dateBasis, evidence, details } = alert;
    return {
      kind,
      ref: alertId,
      at: when(actorId),
      actorIds: ids,
      data: { alertId, type, reason, actorId, saidOn, dateBasis, evidence, details },
    };
  };
  await logChanges(sql, [
    ...fresh.map((a) => change('alert.raised', a, parties.get(a.alertId)!)),
    ...cleared.map((a) => change('alert.cleared', a, a.partyIds)),
  ]);
}

/**
 * Every actor each alert involves: its subject and its evidence's speakers, principals and
 * targets, as known at `knownAt` (or now).
 */
async function partiesOf(
  sql: Sql,
  alerts: RaisedAlert[],
  knownAt: string | undefined,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (alerts.length === 0) return result;
  const rows = await sql.query<{ alert_id: string; party_ids: string[] }>(
    `SELECT a."alertId" AS alert_id, array_agg(DISTINCT x.p ORDER BY x.p) AS party_ids
       FROM jsonb_to_recordset($1::jsonb) AS a("alertId" text, "actorId" text, evidence text[])
       CROSS JOIN LATERAL (
         SELECT a."actorId" AS p
         UNION ALL
         SELECT q FROM rm_statements s,
                unnest(ARRAY[s.speaker_id, s.principal_id] || s.target_ids) AS q
          WHERE s.statement_id = ANY(a.evidence::uuid[]) AND q IS NOT NULL
            AND CASE WHEN $2::timestamptz IS NULL THEN s.known_to IS NULL
                     ELSE s.known_from <= $2 AND (s.known_to IS NULL OR s.known_to > $2) END
       ) x
      GROUP BY a."alertId"`,
    [
      JSON.stringify(
        alerts.map(({ alertId, actorId, evidence }) => ({ alertId, actorId, evidence })),
      ),
      knownAt ?? null,
    ],
  );
  for (const row of rows) result.set(row.alert_id, row.party_ids);
  return result;
}

function sameAlert(a: StoredAlert, b: RaisedAlert, parties: string[]): boolean {
  return (
    a.saidOn === b.saidOn &&
    canonical(a.partyIds) === canonical(parties) &&
    a.dateBasis === b.dateBasis &&
    canonical(a.details) === canonical(b.details)
  );
}

/** JSON with object keys sorted (jsonb keeps its own key order). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
