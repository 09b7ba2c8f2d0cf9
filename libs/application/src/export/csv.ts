/**
 * The CSV export: GDELT 2.0 event table columns where they apply (named and formatted as GDELT
 * has them), then ours. RFC 4180: a header row, CRLF line ends, a field quoted when it holds a
 * comma, a quote or a line break, quotes inside doubled.
 *
 * GLOBALEVENTID is our statement id; Actor1 is the principal (else the speaker), Actor2 the
 * first target (TargetIds lists all). Actor codes are CAMEO-style, country plus sector where we
 * know one ("RUS", "RUSGOV"; see event-codes.ts); our actor ids are in SpeakerId, PrincipalId and
 * TargetIds. NumMentions counts mentions, NumSources the distinct sources; SOURCEURL is the first
 * source's URL. DATEADDED is when this version was recorded (UTC), EventId the event that
 * recorded it and EventHash that event's hash in the store.
 */
import type { ExportedActor, ExportedStatement } from '@app/projections';
import { actor1Of, cameoActorCode, cameoParts, countryOf } from './event-codes';

type Column = [name: string, value: (s: ExportedStatement) => string | number | null];

const actorColumns = (
  prefix: string,
  of: (s: ExportedStatement) => ExportedActor | null | undefined,
): Column[] => [
  [`${prefix}Code`, (s) => cameoActorCode(of(s))],
  [`${prefix}Name`, (s) => of(s)?.name ?? of(s)?.actorId ?? null],
  [`${prefix}CountryCode`, (s) => countryOf(of(s))],
];

const COLUMNS: Column[] = [
  ['GLOBALEVENTID', (s) => s.statementId],
  ['SQLDATE', (s) => s.datedOn.replace(/-/g, '')],
  ...actorColumns('Actor1', actor1Of),
  ...actorColumns('Actor2', (s) => s.targets[0]),
  ['EventCode', (s) => s.cameo],
  ['EventBaseCode', (s) => cameoParts(s.cameo).base],
  ['EventRootCode', (s) => cameoParts(s.cameo).root],
  ['QuadClass', (s) => cameoParts(s.cameo).quadClass],
  ['GoldsteinScale', (s) => s.goldstein],
  ['NumMentions', (s) => s.sourceIds.length],
  ['NumSources', (s) => new Set(s.sourceIds).size],
  ['SOURCEURL', (s) => s.source?.url ?? null],
  ['DATEADDED', (s) => s.recordedAt.slice(0, 19).replace(/\D/g, '')],
  ['SpeakerId', (s) => s.speaker.actorId],
  ['SpeakerName', (s) => s.speaker.name],
  ['PrincipalId', (s) => s.principal?.actorId ?? null],
  ['PrincipalName', (s) => s.principal?.name ?? null],
  ['TargetIds', (s) => s.targets.map((t) => t.actorId).join(';')],
  ['Kind', (s) => s.kind],
  ['Quote', (s) => s.quote],
  ['Summary', (s) => s.summary],
  ['Status', (s) => s.status],
  ['Corrections', (s) => s.corrections],
  ['EventId', (s) => s.eventId],
  ['EventHash', (s) => s.eventHash],
  ['Version', (s) => s.version],
  ['DateBasis', (s) => s.dateBasis],
];

export const CSV_COLUMNS = COLUMNS.map(([name]) => name);

/** One field as RFC 4180 has it: quoted only when it must be; null is an empty field. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: Array<string | number | null>) => `${fields.map(csvField).join(',')}\r\n`;

export const CSV_HEADER = line(CSV_COLUMNS);

export function csvRow(statement: ExportedStatement): string {
  return line(COLUMNS.map(([, value]) => value(statement)));
}
