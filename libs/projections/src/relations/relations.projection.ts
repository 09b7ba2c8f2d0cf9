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
import {
  DateBasis,
  dating,
  dayOf,
  mentionOf,
  PublicationDates,
  publicationDates,
  reportedOn,
  unreportedSources,
} from '../statements/dating';
import { actorOf, saidOn, statementIdOf } from '../statements/statement-version';

const RELATION_EVENTS = [
  'StatementRecorded',
  'StatementCorrected',
  'StatementWithdrawn',
  'StatementMentionAdded',
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
  /** The date it counts from, and on what basis (statements/dating.ts). */
  dated_on: string;
  date_basis: DateBasis;
  reported_on: string | null;
  recorded_on: string;
  /** Whether it has a source yet (only histories from before mentions existed lack one). */
  sourced: boolean;
  counted: boolean;
}

/** The columns of rm_relation_contributions, as jsonb_to_recordset reads them. */
const CONTRIBUTION_COLUMNS = `statement_id uuid, speaker_id text, principal_id text, target_ids text[],
  kind text, goldstein float8, dated_on date, date_basis text, reported_on date, recorded_on date,
  sourced boolean, counted boolean`;

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
  published: PublicationDates,
): Contribution {
  if (event.type === 'StatementRecorded') {
    const { data } = event;
    if (contribution) throw new Error(`statement ${statementIdOf(event)} counted twice`);
    const reported = reportedOn(data.mention, published);
    const recordedOn = dayOf(event.recordedAt);
    return {
      statement_id: statementIdOf(event),
      speaker_id: data.speakerId,
      // Fields older events may lack.
      principal_id: data.principalId ?? null,
      target_ids: data.targetIds ?? [],
      kind: data.kind,
      goldstein: data.goldstein,
      ...dating({ said: saidOn(data.saidAt), reported, recordedOn }),
      reported_on: reported,
      recorded_on: recordedOn,
      sourced: Boolean(data.mention),
      counted: true,
    };
  }
  if (!contribution)
    throw new Error(`${event.type} for statement ${statementIdOf(event)}, never recorded`);
  if (event.type === 'StatementWithdrawn') return { ...contribution, counted: false };
  if (event.type === 'StatementMentionAdded') {
    if (contribution.sourced) return contribution;
    const reported = reportedOn(event.data, published);
    const said = contribution.date_basis === 'said' ? contribution.dated_on : null;
    return {
      ...contribution,
      ...dating({ said, reported, recordedOn: contribution.recorded_on }),
      reported_on: reported,
      sourced: true,
    };
  }
  const changes = event.data.changes ?? {};
  const next = { ...contribution };
  // A correction carries only the fields it changes (principalId may change to null).
  if (changes.speakerId !== undefined) next.speaker_id = changes.speakerId;
  if (changes.principalId !== undefined) next.principal_id = changes.principalId;
  if (changes.targetIds !== undefined) next.target_ids = changes.targetIds;
  if (changes.kind !== undefined) next.kind = changes.kind;
  if (changes.goldstein !== undefined) next.goldstein = changes.goldstein;
  if (changes.saidAt !== undefined)
    Object.assign(
      next,
      dating({
        said: saidOn(changes.saidAt),
        reported: contribution.reported_on,
        recordedOn: contribution.recorded_on,
      }),
    );
  return next;
}

/** A bucket's change: statements, Goldstein tenths, and statements not dated by said date. */
type Delta = { statements: number; tenths: number; undated: number };

function addDeltas(deltas: Map<string, Delta>, c: Contribution, sign: 1 | -1): void {
  if (!c.counted) return;
  const from = actorOf(c);
  for (const target of c.target_ids) {
    if (target === from) continue;
    for (const granularity of GRANULARITIES) {
      const key = JSON.stringify([
        from,
        target,
        granularity,
        bucketOf(c.dated_on, granularity),
        c.kind,
      ]);
      const delta = deltas.get(key) ?? { statements: 0, tenths: 0, undated: 0 };
      delta.statements += sign;
      delta.tenths += sign * tenths(c.goldstein);
      if (c.date_basis !== 'said') delta.undated += sign;
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
              dated_on::text AS dated_on, date_basis, reported_on::text AS reported_on,
              recorded_on::text AS recorded_on, sourced, counted
         FROM rm_relation_contributions WHERE statement_id = ANY($1::uuid[])`,
        [ids],
      ))
        current.set(row.statement_id, row);
    const published = await publicationDates(sql, unreportedSources(events.map(mentionOf)));
    const deltas = new Map<string, Delta>();
    const changed = new Set<string>();
    for (const event of events) {
      const id = statementIdOf(event);
      const before = current.get(id);
      const after = apply(before, event, published);
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
           goldstein = EXCLUDED.goldstein, dated_on = EXCLUDED.dated_on,
           date_basis = EXCLUDED.date_basis, reported_on = EXCLUDED.reported_on,
           sourced = EXCLUDED.sourced, counted = EXCLUDED.counted`,
      ],
    ] as const)
      if (subset.length > 0)
        await sql.query(
          `INSERT INTO rm_relation_contributions
             (statement_id, speaker_id, principal_id, target_ids, kind, goldstein, dated_on,
              date_basis, reported_on, recorded_on, sourced, counted)
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${CONTRIBUTION_COLUMNS})
           ${conflict}`,
          [JSON.stringify(subset)],
        );
    // Sorted keys: concurrent projectors touching the same buckets lock them in one order.
    const keyed = [...deltas]
      .filter(([, d]) => d.statements !== 0 || d.tenths !== 0 || d.undated !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (keyed.length === 0) return;
    const keys = keyed.map(([key]) => JSON.parse(key) as string[]);
    await sql.query(
      `INSERT INTO rm_relation_buckets AS b
         (from_id, target_id, granularity, bucket, kind, statements, goldstein_tenths, undated)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[], $6::int[],
                            $7::bigint[], $8::int[])
       ON CONFLICT (from_id, target_id, granularity, bucket, kind) DO UPDATE
         SET statements = b.statements + EXCLUDED.statements,
             goldstein_tenths = b.goldstein_tenths + EXCLUDED.goldstein_tenths,
             undated = b.undated + EXCLUDED.undated`,
      [
        keys.map((k) => k[0]),
        keys.map((k) => k[1]),
        keys.map((k) => k[2]),
        keys.map((k) => k[3]),
        keys.map((k) => k[4]),
        keyed.map(([, d]) => d.statements),
        keyed.map(([, d]) => d.tenths),
        keyed.map(([, d]) => d.undated),
      ],
    );
    // Only the buckets this batch moved can have emptied: probed by their whole key.
    const emptied = keyed.filter(([, d]) => d.statements <= 0).map(([key]) => JSON.parse(key));
    if (emptied.length > 0)
      await sql.query(
        `DELETE FROM rm_relation_buckets b
          USING unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[])
                AS k(from_id, target_id, granularity, bucket, kind)
          WHERE (b.from_id, b.target_id, b.granularity, b.bucket, b.kind)
              = (k.from_id, k.target_id, k.granularity, k.bucket, k.kind)
            AND b.statements = 0`,
        [0, 1, 2, 3, 4].map((i) => emptied.map((k: string[]) => k[i])),
      );
  },
};
