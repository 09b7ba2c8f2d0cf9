/**
 * The relations read model: for each ordered pair "from" → target (from = the actor the
 * statement is attributed to: its principal, else its speaker), weekly and monthly buckets of
 * statement counts by kind with the sum of their Goldstein weights — how one actor's attitude
 * toward another moves, with no analyst input.
 * Each statement's current contribution is kept, so a correction moves it between buckets and a
 * withdrawal from the record takes it out. Sums are exact (tenths), so the result is the same
 * whatever order streams arrive in. A retracted statement still counts: it was said.
 */
import type { StatementKind } from '@app/domain';
import type { Projection, ProjectionEvent, Sql } from '../projection';
import { actorOf, saidOn, statementIdOf } from '../statements/statement-version';

const RELATION_EVENTS = [
  'StatementRecorded',
  'StatementCorrected',
  'StatementWithdrawn',
] as const satisfies ReadonlyArray<ProjectionEvent['type']>;
type RelationEventType = (typeof RELATION_EVENTS)[number];

/** A statement's current contribution to the buckets (a row of rm_relation_contributions). */
interface Contribution {
  statement_id: string;
  speaker_id: string;
  principal_id: string | null;
  target_ids: string[];
  kind: StatementKind;
  goldstein: number;
  said_on: string | null;
  counted: boolean;
}

export const GRANULARITIES = ['week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Monday of the ISO week, or the first of the month, of an ISO date. */
export function bucketOf(date: string, granularity: Granularity): string {
  if (granularity === 'month') return `${date.slice(0, 7)}-01`;
  const day = new Date(`${date}T00:00:00Z`);
  const shift = (day.getUTCDay() + 6) % 7; // Monday → 0
  day.setUTCDate(day.getUTCDate() - shift);
  return day.toISOString().slice(0, 10);
}

const tenths = (goldstein: number) => Math.round(goldstein * 10);

function apply(
  contribution: Contribution | undefined,
  event: ProjectionEvent<RelationEventType>,
): Contribution {
  if (event.type === 'StatementRecorded') {
    const { data } = event;
    if (contribution) throw new Error(`statement ${statementIdOf(event)} counted twice`);
    return {
      statement_id: statementIdOf(event),
      speaker_id: data.speakerId,
      // Fields older events may lack.
      principal_id: data.principalId ?? null,
      target_ids: data.targetIds ?? [],
      kind: data.kind,
      goldstein: data.goldstein,
      said_on: saidOn(data.saidAt),
      counted: true,
    };
  }
  if (!contribution)
    throw new Error(`${event.type} for statement ${statementIdOf(event)}, never recorded`);
  if (event.type === 'StatementWithdrawn') return { ...contribution, counted: false };
  const changes = event.data.changes ?? {};
  const next = { ...contribution };
  // A correction carries only the fields it changes (principalId may change to null).
  if (changes.speakerId !== undefined) next.speaker_id = changes.speakerId;
  if (changes.principalId !== undefined) next.principal_id = changes.principalId;
  if (changes.targetIds !== undefined) next.target_ids = changes.targetIds;
  if (changes.kind !== undefined) next.kind = changes.kind;
  if (changes.goldstein !== undefined) next.goldstein = changes.goldstein;
  if (changes.saidAt !== undefined) next.said_on = saidOn(changes.saidAt);
  return next;
}

type Delta = { statements: number; tenths: number };

function addDeltas(deltas: Map<string, Delta>, c: Contribution, sign: 1 | -1): void {
  if (!c.counted || c.said_on === null) return;
  const from = actorOf(c);
  for (const target of c.target_ids) {
    if (target === from) continue;
    for (const granularity of GRANULARITIES) {
      const key = JSON.stringify([
        from,
        target,
        granularity,
        bucketOf(c.said_on, granularity),
        c.kind,
      ]);
      const delta = deltas.get(key) ?? { statements: 0, tenths: 0 };
      delta.statements += sign;
      delta.tenths += sign * tenths(c.goldstein);
      deltas.set(key, delta);
    }
  }
}

export const relationsProjection: Projection<RelationEventType> = {
  name: 'relations',
  handles: new Set(RELATION_EVENTS),
  tables: [
    { table: 'rm_relation_contributions', key: 'statement_id' },
    { table: 'rm_relation_buckets', key: 'from_id, target_id, granularity, bucket, kind' },
  ],

  async apply(sql: Sql, events: ProjectionEvent<RelationEventType>[]): Promise<void> {
    const ids = [
      ...new Set(events.filter((e) => e.type !== 'StatementRecorded').map(statementIdOf)),
    ];
    const current = new Map<string, Contribution>();
    if (ids.length > 0)
      for (const row of await sql.query<Contribution>(
        `SELECT statement_id, speaker_id, principal_id, target_ids, kind, goldstein,
              said_on::text AS said_on, counted
         FROM rm_relation_contributions WHERE statement_id = ANY($1::uuid[])`,
        [ids],
      ))
        current.set(row.statement_id, row);
    const deltas = new Map<string, Delta>();
    const changed = new Set<string>();
    for (const event of events) {
      const id = statementIdOf(event);
      const before = current.get(id);
      const after = apply(before, event);
      if (before) addDeltas(deltas, before, -1);
      addDeltas(deltas, after, 1);
      current.set(id, after);
      changed.add(id);
    }
    // Statements new to this model are plain inserts (a second StatementRecorded for the same
    // statement fails on the key instead of being counted twice); stored ones are updated.
    const stored = new Set(ids);
    const rows = [...changed].map((id) => current.get(id)!);
    for (const [subset, conflict] of [
      [rows.filter((r) => !stored.has(r.statement_id)), ''],
      [
        rows.filter((r) => stored.has(r.statement_id)),
        `ON CONFLICT (statement_id) DO UPDATE SET speaker_id = EXCLUDED.speaker_id,
           principal_id = EXCLUDED.principal_id, target_ids = EXCLUDED.target_ids, kind = EXCLUDED.kind,
           goldstein = EXCLUDED.goldstein, said_on = EXCLUDED.said_on, counted = EXCLUDED.counted`,
      ],
    ] as const)
      if (subset.length > 0)
        await sql.query(
          `INSERT INTO rm_relation_contributions
             (statement_id, speaker_id, principal_id, target_ids, kind, goldstein, said_on, counted)
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(statement_id uuid, speaker_id text,
             principal_id text, target_ids text[], kind text, goldstein float8, said_on date, counted boolean)
           ${conflict}`,
          [JSON.stringify(subset)],
        );
    // Sorted keys: concurrent projectors touching the same buckets lock them in one order.
    const keyed = [...deltas]
      .filter(([, d]) => d.statements !== 0 || d.tenths !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (keyed.length === 0) return;
    const keys = keyed.map(([key]) => JSON.parse(key) as string[]);
    await sql.query(
      `INSERT INTO rm_relation_buckets AS b
         (from_id, target_id, granularity, bucket, kind, statements, goldstein_tenths)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::int[], $7::bigint[])
       ON CONFLICT (from_id, target_id, granularity, bucket, kind) DO UPDATE
         SET statements = b.statements + EXCLUDED.statements,
             goldstein_tenths = b.goldstein_tenths + EXCLUDED.goldstein_tenths`,
      [
        keys.map((k) => k[0]),
        keys.map((k) => k[1]),
        keys.map((k) => k[2]),
        keys.map((k) => k[3]),
        keys.map((k) => k[4]),
        keyed.map(([, d]) => d.statements),
        keyed.map(([, d]) => d.tenths),
      ],
    );
    await sql.query(
      `DELETE FROM rm_relation_buckets b
        USING unnest($1::text[], $2::text[]) AS k(from_id, target_id)
        WHERE b.from_id = k.from_id AND b.target_id = k.target_id AND b.statements = 0`,
      [keys.map((k) => k[0]), keys.map((k) => k[1])],
    );
  },
};
