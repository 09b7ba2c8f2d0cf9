/**
 * The alerts read model (rm_alerts): every alert the rules raise, one row per stretch of time it
 * stood — raised when the record first showed it, cleared (known_to) when a correction,
 * retraction or withdrawal took its evidence away — so `knownAt` reads what was flagged then.
 * Each raise and clear is also written to the change log (rm_changes) for the live stream and
 * the alerts topic.
 *
 * Alerts compare streams (a stance against the actor's earlier ones), so after the other read
 * models applied a batch this projection re-runs the rules for the actors the batch touched, as
 * known at each transaction's time in turn; a last pass with everything known puts the current
 * alerts right whatever order Kafka partitions delivered the events in (times are exact in feed
 * order: the embedded default, rebuilds).
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
    const actorsOf = await statementActors(sql, events);
    const groups = new Map<number, Set<string>>();
    for (const event of events) {
      const at = event.recordedAt.getTime();
      const subjects = groups.get(at) ?? new Set<string>();
      groups.set(at, subjects);
      const touched =
        event.type === 'ActorAffiliationAdded' || event.type === 'ActorAffiliationEnded'
          ? [event.data.actorId]
          : (actorsOf.get(event.data.statementId) ?? []);
      for (const actor of touched) subjects.add(actor);
    }
    const all = new Set<string>();
    let last = 0;
    for (const [at, subjects] of [...groups].sort(([a], [b]) => a - b)) {
      await maintainAlerts(sql, [...subjects], new Date(at), true);
      for (const subject of subjects) all.add(subject);
      last = at;
    }
    await maintainAlerts(sql, [...all], new Date(last), false);
  },
};

/** The speakers and principals of every version of the statements the events are about. */
async function statementActors(sql: Sql, events: ProjectionEvent[]) {
  const ids = [
    ...new Set(
      events.flatMap((e) =>
        'statementId' in e.data && e.streamId.startsWith('statement-') ? [e.data.statementId] : [],
      ),
    ),
  ];
  const result = new Map<string, string[]>();
  if (ids.length === 0) return result;
  const rows = await sql.query<{ statement_id: string; actors: string[] }>(
    `SELECT statement_id::text, array_agg(DISTINCT a) AS actors
       FROM rm_statements s, unnest(ARRAY[s.speaker_id, s.actor_id]) AS a
      WHERE s.statement_id = ANY($1::uuid[]) GROUP BY s.statement_id`,
    [ids],
  );
  for (const row of rows) result.set(row.statement_id, row.actors);
  return result;
}

/**
 * Re-run the rules for the subjects as known at `at` (or with everything known, `exact` off)
 * and bring their stored alerts in line: raise the new, clear the gone, re-version the changed.
 */
export async function maintainAlerts(
  sql: Sql,
  subjects: string[],
  at: Date,
  exact: boolean,
): Promise<void> {
  if (subjects.length === 0) return;
  const stored = await sql.query<StoredAlert>(
    `SELECT alert_id AS "alertId", type, reason, actor_id AS "actorId", dated_on::text AS "saidOn",
            date_basis AS "dateBasis", evidence, details, known_from AS "knownFrom",
            party_ids AS "partyIds"
       FROM rm_alerts WHERE actor_id = ANY($1) AND known_to IS NULL`,
    [subjects],
  );
  // Never before what is already stored (Kafka lanes may deliver an older transaction late).
  const latest = Math.max(at.getTime(), ...stored.map((a) => new Date(a.knownFrom).getTime()));
  const when = new Date(latest).toISOString();
  const now = await raisedAlerts(sql, subjects, exact ? at.toISOString() : undefined);
  const raised = new Map(now.map((a) => [a.alertId, a]));
  const current = new Map(stored.map((a) => [a.alertId, a]));
  const cleared = stored.filter((a) => !raised.has(a.alertId));
  const fresh = now.filter((a) => !current.has(a.alertId));
  const changed = now.filter((a) => {
    const before = current.get(a.alertId);
    return before !== undefined && !sameAlert(before, a);
  });
  const closing = [...cleared, ...changed].map((a) => a.alertId);
  if (closing.length > 0)
    await sql.query(
      `UPDATE rm_alerts SET known_to = $2 WHERE alert_id = ANY($1) AND known_to IS NULL`,
      [closing, when],
    );
  const opening = [...fresh, ...changed];
  const parties = new Map<string, string[]>();
  if (opening.length > 0) {
    const rows = await sql.query<{ alert_id: string; party_ids: string[] }>(
      `INSERT INTO rm_alerts (alert_id, known_from, type, reason, actor_id, party_ids, dated_on,
                              date_basis, evidence, details)
       SELECT a."alertId", $2, a.type, a.reason, a."actorId",
              (SELECT array_agg(DISTINCT p ORDER BY p) FROM (
                 SELECT a."actorId" AS p
                 UNION ALL
                 SELECT q FROM rm_statements s,
                        unnest(ARRAY[s.speaker_id, s.principal_id] || s.target_ids) AS q
                  WHERE s.statement_id = ANY(a.evidence::uuid[]) AND s.known_to IS NULL
                    AND q IS NOT NULL) parties),
              a."saidOn"::date, a."dateBasis", a.evidence, a.details
         FROM jsonb_to_recordset($1::jsonb) AS a("alertId" text, type text, reason text,
              "actorId" text, "saidOn" text, "dateBasis" text, evidence text[], details jsonb)
       ON CONFLICT (alert_id, known_from) DO UPDATE SET
         known_to = NULL, dated_on = EXCLUDED.dated_on, date_basis = EXCLUDED.date_basis,
         details = EXCLUDED.details, party_ids = EXCLUDED.party_ids
       RETURNING alert_id, party_ids`,
      [JSON.stringify(opening), when],
    );
    for (const row of rows) parties.set(row.alert_id, row.party_ids);
  }
  const change = (kind: 'alert.raised' | 'alert.cleared', alert: RaisedAlert, ids: string[]) => {
    const { alertId, type, reason, actorId, saidOn, dateBasis, evidence, details } = alert;
    return {
      kind,
      ref: alertId,
      at: when,
      actorIds: ids,
      data: { alertId, type, reason, actorId, saidOn, dateBasis, evidence, details },
    };
  };
  await logChanges(sql, [
    ...fresh.map((a) => change('alert.raised', a, parties.get(a.alertId) ?? [a.actorId])),
    ...cleared.map((a) => change('alert.cleared', a, a.partyIds)),
  ]);
}

function sameAlert(a: RaisedAlert, b: RaisedAlert): boolean {
  return (
    a.saidOn === b.saidOn &&
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
