/**
 * One version of a statement's record, as rm_statements holds it, and the pure fold from a
 * version and an event to the next version (testable without a database).
 */
import {
  attributedTo,
  isRealDate,
  Precision,
  Provenance,
  SaidAt,
  Stance,
  StatementContent,
  StatementEvent,
  StatementKind,
} from '@app/domain';
import type { EventData, ProjectionEvent } from '../projection';
import { DateBasis, dating, dayOf, PublicationDates, reportedOn } from './dating';

export const STATEMENT_EVENTS = [
  'StatementRecorded',
  'StatementCorrected',
  'StatementRetracted',
  'StatementWithdrawn',
  'StatementMentionAdded',
  'StatementStanceTaken',
] as const satisfies ReadonlyArray<StatementEvent['type']>;
export type StatementEventType = (typeof STATEMENT_EVENTS)[number];

/** Where a statement's record stands: on it, retracted by its actor, or withdrawn from it. */
export type StatementStatus = 'recorded' | 'retracted' | 'withdrawn';

/** Why and in favour of what a statement was withdrawn from the record. */
export type Withdrawal = Omit<EventData<'StatementWithdrawn'>, 'statementId'>;

/** A row of rm_statements as this code writes it (dates as ISO text). */
export interface StatementVersion {
  statement_id: string;
  version: number;
  known_from: string;
  known_to: string | null;
  speaker_id: string;
  principal_id: string | null;
  kind: StatementKind;
  cameo: string;
  goldstein: number;
  target_ids: string[];
  quote: string | null;
  summary: string | null;
  /** The date it counts from (see dating.ts); the said date when dateBasis is "said". */
  dated_on: string;
  date_basis: DateBasis;
  said_precision: Precision;
  /** The day its first source reported it, if known. */
  reported_on: string | null;
  /** The day it was first recorded. */
  recorded_on: string;
  confidence: number;
  stances: Stance[];
  provenance: Provenance;
  status: StatementStatus;
  retracted_on: string | null;
  withdrawal: Withdrawal | null;
  corrections: number;
  source_ids: string[];
}

/**
 * "2024-07" (month precision) → "2024-07-01"; null stays null. The domain's calendar rule
 * applies here too: a date outside it (only in events stored before the rule, e.g. year 0000)
 * is refused by name, so the event goes to the dead letters saying why, instead of failing
 * later in the database with "date/time field value out of range".
 */
export function saidOn(saidAt: SaidAt | null | undefined): string | null {
  const date = saidAt?.date ?? null;
  if (date === null) return null;
  const day = date.length === 7 ? `${date}-01` : date;
  if (!isRealDate(day))
    throw new Error(
      `the date "${String(date).slice(0, 40)}" is not a real calendar date between 0001-01-01 and 9999-12-31`,
    );
  return day;
}

/** The columns content sets, with the said date (null: unknown) that dating reads. */
type ContentColumns = Partial<StatementVersion> & { said?: string | null };

/** Each content field of a StatementRecorded / StatementCorrected → its columns. */
const CONTENT_COLUMNS: {
  [F in keyof StatementContent]: (value: StatementContent[F]) => ContentColumns;
} = {
  speakerId: (v) => ({ speaker_id: v }),
  principalId: (v) => ({ principal_id: v }),
  kind: (v) => ({ kind: v }),
  cameo: (v) => ({ cameo: v }),
  goldstein: (v) => ({ goldstein: v }),
  targetIds: (v) => ({ target_ids: v }),
  quote: (v) => ({ quote: v }),
  summary: (v) => ({ summary: v }),
  saidAt: (v) => ({ said: saidOn(v), said_precision: v.precision }),
  confidence: (v) => ({ confidence: v }),
  stances: (v) => ({ stances: v }),
};
// The mapped type above holds exactly the content fields.
const CONTENT_FIELDS = Object.keys(CONTENT_COLUMNS) as Array<keyof StatementContent>;

/** The columns of the content fields present (a correction carries only those it changes). */
export function contentColumns(content: Partial<StatementContent>): ContentColumns {
  const columns: ContentColumns = {};
  for (const field of CONTENT_FIELDS)
    if (field in content) Object.assign(columns, columnsOf(field, content));
  return columns;
}

function columnsOf<F extends keyof StatementContent>(
  field: F,
  content: Partial<StatementContent>,
): ContentColumns {
  return CONTENT_COLUMNS[field](content[field]!);
}

/** The actor a row is attributed to (its principal, else its speaker): the domain's rule. */
export function actorOf(row: Pick<StatementVersion, 'speaker_id' | 'principal_id'>): string {
  return attributedTo({ speakerId: row.speaker_id, principalId: row.principal_id });
}

/** The statement an event is about; refused by name when an old or foreign event lacks it. */
export function statementIdOf(event: { type: string; data: { statementId: string } }): string {
  const id: unknown = event.data.statementId;
  if (typeof id !== 'string') throw new Error(`${event.type} without a statementId`);
  return id;
}

/** The columns a StatementRecorded must set (every other one has a default). */
type RequiredColumn = 'speaker_id' | 'kind' | 'cameo' | 'goldstein' | 'said_precision';

/**
 * The next version of a record after `event`; pure, so the fold is testable without a database.
 * `published` holds the publication dates of the sources its mentions cite without reportedAt.
 */
export function nextVersion(
  current: StatementVersion | undefined,
  event: ProjectionEvent<StatementEventType>,
  published: PublicationDates = new Map(),
): StatementVersion {
  const knownFrom = event.recordedAt.toISOString();
  if (event.type === 'StatementRecorded') {
    if (current) throw new Error(`statement ${statementIdOf(event)} is already in the read model`);
    const { said = null, ...columns } = contentColumns(event.data);
    const content: Partial<StatementVersion> = columns;
    const required = <C extends RequiredColumn>(column: C): StatementVersion[C] => {
      const value = content[column];
      if (value === undefined) throw new Error(`StatementRecorded without ${column}`);
      return value!;
    };
    const speaker_id = required('speaker_id');
    const kind = required('kind');
    const cameo = required('cameo');
    const goldstein = required('goldstein');
    const said_precision = required('said_precision');
    // Events recorded before mentions and provenance existed lack them.
    const mention = event.data.mention;
    const reported_on = reportedOn(mention, published);
    const recorded_on = dayOf(event.recordedAt);
    return {
      statement_id: statementIdOf(event),
      version: 1,
      known_from: knownFrom,
      known_to: null,
      principal_id: null,
      target_ids: [],
      quote: null,
      summary: null,
      confidence: 1,
      stances: [],
      ...content,
      speaker_id,
      kind,
      cameo,
      goldstein,
      said_precision,
      ...dating({ said, reported: reported_on, recordedOn: recorded_on }),
      reported_on,
      recorded_on,
      provenance: event.data.provenance ?? { method: 'manual' },
      status: 'recorded',
      retracted_on: null,
      withdrawal: null,
      corrections: 0,
      source_ids: mention?.sourceId ? [mention.sourceId] : [],
    };
  }
  if (!current)
    throw new Error(`${event.type} for statement ${statementIdOf(event)}, not in the read model`);
  const next: StatementVersion = {
    ...current,
    version: current.version + 1,
    known_from: knownFrom,
    known_to: null,
  };
  const type: string = event.type;
  switch (event.type) {
    case 'StatementCorrected': {
      const { said, ...changes } = contentColumns(event.data.changes ?? {});
      Object.assign(next, changes);
      if (said !== undefined)
        Object.assign(
          next,
          dating({ said, reported: current.reported_on, recordedOn: current.recorded_on }),
        );
      next.corrections = current.corrections + 1;
      break;
    }
    case 'StatementRetracted':
      next.status = current.status === 'withdrawn' ? 'withdrawn' : 'retracted';
      next.retracted_on = saidOn({ date: event.data.retractedOn.slice(0, 10), precision: 'day' });
      break;
    case 'StatementWithdrawn':
      next.status = 'withdrawn';
      next.withdrawal = {
        reason: event.data.reason,
        note: event.data.note ?? null,
        duplicateOf: event.data.duplicateOf ?? null,
      };
      break;
    case 'StatementMentionAdded':
      next.source_ids = [...current.source_ids, event.data.sourceId];
      // Only a history recorded before mentions existed gets its first source this way.
      if (current.source_ids.length === 0) {
        next.reported_on = reportedOn(event.data, published);
        if (current.date_basis !== 'said')
          Object.assign(
            next,
            dating({ said: null, reported: next.reported_on, recordedOn: current.recorded_on }),
          );
      }
      break;
    case 'StatementStanceTaken': {
      const stance: Stance = { propositionId: event.data.propositionId, stance: event.data.stance };
      next.stances = [
        ...current.stances.filter((s) => s.propositionId !== stance.propositionId),
        stance,
      ];
      break;
    }
    default:
      throw new Error(`statements read model cannot apply ${type}`);
  }
  return next;
}
