import { Type } from '@sinclair/typebox';
import { named, OneOf, QueryString, TimeParams } from '../shared/schema';
import { EXPORT_FORMATS } from './export-formats';

export const ExportQueryString = QueryString({
  format: Type.Optional(
    OneOf(EXPORT_FORMATS, {
      description:
        'jsonl (default): one statement per line, as the record holds it; csv: GDELT 2.0 event ' +
        'columns, then ours; plover: one PLOVER record per line',
    }),
  ),
  knownAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'The record as it stood then (transaction time); default now',
    }),
  ),
  asOf: TimeParams.asOf,
  from: Type.Optional(Type.String({ format: 'date', description: 'dated on or after' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'dated on or before' })),
});

/** The export body, as documented (the wire format is the format's own). */
export const StatementExportSchema = named(
  'StatementExport',
  Type.String({
    description:
      'Streamed (chunked), with Content-Disposition naming the file. jsonl (application/x-ndjson): ' +
      'one JSON object per statement. csv (text/csv, RFC 4180, header row): GLOBALEVENTID, SQLDATE, ' +
      'Actor1…/Actor2… Code, Name, CountryCode, EventCode, EventBaseCode, EventRootCode, QuadClass, ' +
      'GoldsteinScale, NumMentions, NumSources, SOURCEURL, DATEADDED, then SpeakerId, SpeakerName, ' +
      'PrincipalId, PrincipalName, TargetIds, Kind, Quote, Summary, Status, Corrections, EventId, ' +
      'EventHash, Version, DateBasis. plover (application/x-ndjson): one PLOVER 0.7 record per line. ' +
      'Every row carries the id and hash of the event that made its version (see GET /audit/verify).',
  }),
);
