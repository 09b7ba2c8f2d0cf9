/**
 * The change log (rm_changes): what the read models just learned, one row per change — a
 * statement recorded, corrected, retracted or withdrawn, an accusation opened or its status
 * changed, an alert raised or cleared — with the actors it concerns. The live stream (SSE) and
 * the alerts topic read it.
 *
 * Rows are read in the order of (transaction, sequence), only from transactions older than every
 * running one (as the store feed is: docs/adr/0003), so a reader that resumes after the last row
 * it saw never misses one committed later with a lower sequence. A change is keyed by what it is
 * about and when (kind, ref, at): a rebuilt read model writes nothing twice.
 */
import type { Queryable } from '../shared/labels';

export const CHANGE_KINDS = [
  'statement.recorded',
  'statement.corrected',
  'statement.retracted',
  'statement.withdrawn',
  'accusation.opened',
  'accusation.status-changed',
  'alert.raised',
  'alert.cleared',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface NewChange {
  kind: ChangeKind;
  /** What it is about: the event id, or the alert id. */
  ref: string;
  /** When the record learned it (ISO instant). */
  at: string;
  actorIds: string[];
  data: Record<string, unknown>;
}

export interface Change extends NewChange {
  /** "<transaction>-<sequence>": the SSE id, and where a reader resumes. */
  id: string;
}

export async function logChanges(db: Queryable, changes: NewChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO rm_changes (kind, ref, at, actor_ids, data)
     SELECT c.kind, c.ref, c.at, c."actorIds", c.data
       FROM jsonb_to_recordset($1::jsonb)
            AS c(kind text, ref text, at timestamptz, "actorIds" text[], data jsonb)
     ON CONFLICT (kind, ref, at) DO NOTHING`,
    [JSON.stringify(changes)],
  );
}

const ID = /^(\d{1,20})-(\d{1,20})$/;

/** A change id back into its (transaction, sequence); null if it is not one we hand out. */
export function parseChangeId(id: string): { tx: string; seq: string } | null {
  const match = ID.exec(id);
  return match ? { tx: match[1], seq: match[2] } : null;
}

/** Orders change ids as the log does (null: before every change). */
export function compareChangeIds(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  const [x, y] = [parseChangeId(a)!, parseChangeId(b)!];
  const [xt, yt] = [BigInt(x.tx), BigInt(y.tx)];
  if (xt !== yt) return xt < yt ? -1 : 1;
  const [xs, ys] = [BigInt(x.seq), BigInt(y.seq)];
  return xs === ys ? 0 : xs < ys ? -1 : 1;
}

export class ChangeLog {
  constructor(private readonly db: Queryable) {}

  /**
   * The changes after `after` (a change id; null: from the start), oldest first, of the actors
   * given (and the actors merged into them), at most `limit`.
   */
  async after(
    after: string | null,
    limit: number,
    actorIds?: string[],
    kinds?: readonly ChangeKind[],
    upTo?: string,
  ): Promise<Change[]> {
    const from = after ? parseChangeId(after) : null;
    const to = upTo ? parseChangeId(upTo) : null;
    const rows: Array<{
      tx: string;
      seq: string;
      kind: ChangeKind;
      ref: string;
      at: Date;
      actor_ids: string[];
      data: Record<string, unknown>;
    }> = await this.db.query(
      `SELECT tx::text AS tx, seq::text AS seq, kind, ref, at, actor_ids, data FROM rm_changes
        WHERE ($1::xid8 IS NULL OR (tx, seq) > ($1::xid8, $2::bigint))
          AND tx < pg_snapshot_xmin(pg_current_snapshot())
          AND ($3::text[] IS NULL OR actor_ids && $3::text[])
          AND ($5::text[] IS NULL OR kind = ANY($5::text[]))
          AND ($6::xid8 IS NULL OR (tx, seq) <= ($6::xid8, $7::bigint))
        ORDER BY tx, seq LIMIT $4`,
      [
        from?.tx ?? null,
        from?.seq ?? null,
        actorIds ?? null,
        limit,
        kinds ?? null,
        to?.tx ?? null,
        to?.seq ?? null,
      ],
    );
    return rows.map((r) => ({
      id: `${r.tx}-${r.seq}`,
      kind: r.kind,
      ref: r.ref,
      at: new Date(r.at).toISOString(),
      actorIds: r.actor_ids,
      data: r.data,
    }));
  }

  /** The id of the newest change readers can see (null when there is none): "from now on". */
  async head(): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT tx::text AS tx, seq::text AS seq FROM rm_changes
        WHERE tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx DESC, seq DESC LIMIT 1`,
    );
    return row ? `${row.tx}-${row.seq}` : null;
  }
}
