/** The recordable (and correctable) content of a statement, and its checks. */
import { invalid } from '../decider';
import { classify, StatementKind, STATEMENT_KINDS } from '../shared/kinds';
import {
  distinct,
  fields,
  isoDate,
  list,
  number,
  oneOf,
  optionalText,
  slug,
  text,
} from '../shared/values';

export const PRECISIONS = ['day', 'month', 'unknown'] as const;
export type Precision = (typeof PRECISIONS)[number];
/** Valid time: when the actor said it, as precisely as the source tells. */
export interface SaidAt {
  /** YYYY-MM-DD (day), YYYY-MM (month) or null (unknown). */
  date: string | null;
  precision: Precision;
}

export const STANCES = ['supports', 'opposes'] as const;
export type StanceValue = (typeof STANCES)[number];
export interface Stance {
  propositionId: string;
  stance: StanceValue;
}

export type Provenance =
  { method: 'manual' } | { method: 'extractor'; extractor: string; version: string };

export interface StatementContent {
  speakerId: string;
  /** On whose behalf the speaker spoke (Peskov → Russia); null when for themselves. */
  principalId: string | null;
  kind: StatementKind;
  cameo: string;
  goldstein: number;
  targetIds: string[];
  quote: string | null;
  summary: string | null;
  saidAt: SaidAt;
  confidence: number;
  stances: Stance[];
}

/**
 * The actor a statement is attributed to: its principal, else its speaker. Accusations are made
 * by it; the read models chart its positions and relations.
 */
export function attributedTo(content: Pick<StatementContent, 'speakerId' | 'principalId'>): string {
  return content.principalId ?? content.speakerId;
}

/** Fields an editorial correction may change (cameo follows kind unless given). */
export const CORRECTABLE = [
  'speakerId',
  'principalId',
  'kind',
  'cameo',
  'targetIds',
  'quote',
  'summary',
  'saidAt',
  'confidence',
  'stances',
] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];

export const checkContent = {
  speakerId: (v: unknown) => slug(v, 'speakerId'),
  principalId: (v: unknown) => (v === null || v === undefined ? null : slug(v, 'principalId')),
  kind: (v: unknown) => oneOf(v, STATEMENT_KINDS, 'kind'),
  targetIds: (v: unknown) =>
    distinct(
      list(v, 'targetIds', 20, (t, f) => slug(t, f)),
      'targetIds',
    ),
  quote: (v: unknown) => optionalText(v, 'quote', 5000),
  summary: (v: unknown) => optionalText(v, 'summary', 2000),
  saidAt: (v: unknown) => checkSaidAt(v),
  confidence: (v: unknown) => (v === undefined ? 1 : number(v, 'confidence', 0, 1)),
  stances: (v: unknown) =>
    distinct(
      list(v, 'stances', 20, (s, f) => {
        const stance = fields(s, f, ['propositionId', 'stance']);
        return {
          propositionId: slug(stance.propositionId, `${f}.propositionId`),
          stance: oneOf(stance.stance, STANCES, `${f}.stance`),
        };
      }),
      'stances',
      (s) => s.propositionId,
    ),
};

export function checkSaidAt(value: unknown): SaidAt {
  const saidAt = fields(value, 'saidAt', ['date', 'precision']);
  const precision = oneOf(saidAt.precision, PRECISIONS, 'saidAt.precision');
  if (precision === 'unknown') {
    if (saidAt.date !== null && saidAt.date !== undefined)
      throw invalid('saidAt.date', 'saidAt.date must be null when the precision is unknown');
    return { date: null, precision };
  }
  if (precision === 'month') {
    if (typeof saidAt.date !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(saidAt.date)) {
      throw invalid('saidAt.date', 'saidAt.date must be YYYY-MM for month precision');
    }
    return { date: saidAt.date, precision };
  }
  return { date: isoDate(saidAt.date, 'saidAt.date'), precision };
}

export function checkCameo(
  kind: StatementKind,
  cameo: unknown,
): { cameo: string; goldstein: number } {
  if (cameo !== undefined && cameo !== null && typeof cameo !== 'string')
    throw invalid('cameo', 'cameo must be a string code');
  const classified = classify(kind, cameo as string | null | undefined);
  if (!classified)
    throw invalid('cameo', `cameo ${String(cameo)} is not a code of the ${kind} family`);
  return classified;
}

export function checkProvenance(value: unknown): Provenance {
  if (value === undefined || value === null) return { method: 'manual' };
  const provenance = fields(value, 'provenance', ['method', 'extractor', 'version']);
  const method = oneOf(provenance.method, ['manual', 'extractor'] as const, 'provenance.method');
  if (method === 'manual') return { method };
  return {
    method,
    extractor: text(provenance.extractor, 'provenance.extractor', 100),
    version: text(provenance.version, 'provenance.version', 50),
  };
}

export function requireQuoteOrSummary(content: Pick<StatementContent, 'quote' | 'summary'>): void {
  if (content.quote === null && content.summary === null)
    throw invalid('quote', 'a statement needs a quote or a summary');
}

/** The actors a statement refers to: the handler checks they exist (or registers them). */
export function referencedActors(
  content: Partial<Pick<StatementContent, 'speakerId' | 'principalId' | 'targetIds'>>,
): string[] {
  return [
    ...new Set(
      [content.speakerId, content.principalId, ...(content.targetIds ?? [])].filter(
        (id): id is string => !!id,
      ),
    ),
  ];
}
