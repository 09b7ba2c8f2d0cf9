/**
 * The PLOVER export: one JSON record per line, with PLOVER 0.7's field names (id, date, source,
 * recipient, event, mode, context, quad_code, text, cite_info, coder, comment) and ours beside
 * them (kind, dateBasis, cameo, goldstein, speaker, status, corrections, eventId, eventHash).
 *
 * Our kinds → PLOVER categories, by their CAMEO codes (PLOVER's own CAMEO crosswalk):
 *
 *   pledge 030 → AGREE          praise 051 → SUPPORT        rejection 120 → REJECT
 *   criticism 111, accusation 112 → ACCUSE (1121–1125 add their contexts: crime and
 *     corruption, human_rights, military, military + legal, legal)
 *   warning 130 → THREATEN (138, threaten with military force: mode violence, context military)
 *   statement 010, denial 016, appeal 020 → no PLOVER event
 *
 * PLOVER dropped CAMEO's comment categories 01 (make a public statement, where a denial sits) and
 * 02 (appeal). Those statements are still exported — an audit wants every record — with
 * has_event false, event, mode and quad_code null, our kind and CAMEO code beside them, and a
 * comment saying why; a PLOVER consumer can drop them on has_event. `version` is the record's
 * version (the stream position of eventId), not a PLOVER release: the codebook is in cite_info.
 */
import type { StatementKind } from '@app/domain';
import type { ExportedActor, ExportedStatement } from '@app/projections';
import { actor1Of, countryOf, sectorOf } from './event-codes';

export const PLOVER_CODEBOOK = 'PLOVER 0.7b1';
export const CODER = 'statement-tracker';

/** The PLOVER categories our kinds map to, with PLOVER's quad category (1–4, as CAMEO's). */
const PLOVER_QUADS = { AGREE: 1, SUPPORT: 1, ACCUSE: 3, REJECT: 3, THREATEN: 3 } as const;
export type PloverEvent = keyof typeof PLOVER_QUADS;

export interface PloverCoding {
  event: PloverEvent | null;
  mode: string | null;
  context: string[];
}

const coded = (event: PloverEvent | null): PloverCoding => ({ event, mode: null, context: [] });

/** Each kind's category; `satisfies` makes a new kind a build error until it is mapped here. */
export const PLOVER_BY_KIND = {
  statement: coded(null),
  appeal: coded(null),
  denial: coded(null),
  pledge: coded('AGREE'),
  praise: coded('SUPPORT'),
  criticism: coded('ACCUSE'),
  accusation: coded('ACCUSE'),
  rejection: coded('REJECT'),
  warning: coded('THREATEN'),
} satisfies Record<StatementKind, PloverCoding>;

/** What a refined CAMEO code adds to its kind's category. */
const REFINEMENTS: Record<string, Partial<PloverCoding>> = {
  '1121': { context: ['crime', 'corruption'] },
  '1122': { context: ['human_rights'] },
  '1123': { context: ['military'] },
  '1124': { context: ['military', 'legal'] },
  '1125': { context: ['legal'] },
  '138': { mode: 'violence', context: ['military'] },
};

export function ploverCoding(kind: StatementKind, cameo: string): PloverCoding {
  return { ...PLOVER_BY_KIND[kind], ...REFINEMENTS[cameo] };
}

/** An actor as PLOVER lists it: alpha-3 country code, sector, name, and our id. */
export function ploverActor(actor: ExportedActor) {
  return {
    code: countryOf(actor),
    ...(sectorOf(actor) ? { sector: sectorOf(actor) } : {}),
    actor_text: actor.name ?? actor.actorId,
    identifier_id: actor.actorId,
    identifier_text: actor.name,
  };
}

export function ploverRecord(s: ExportedStatement) {
  const coding = ploverCoding(s.kind, s.cameo);
  return {
    id: s.statementId,
    date: s.datedOn,
    has_event: coding.event !== null,
    event: coding.event,
    mode: coding.mode,
    context: coding.context,
    quad_code: coding.event === null ? null : PLOVER_QUADS[coding.event],
    source: [ploverActor(actor1Of(s))],
    recipient: s.targets.map(ploverActor),
    text: s.quote ?? s.summary,
    publication: s.source?.publisher ?? s.source?.url ?? null,
    cite_info: {
      url: s.source?.url ?? null,
      title: s.source?.title ?? null,
      publication: s.source?.publisher ?? null,
      codebook: PLOVER_CODEBOOK,
    },
    coder: CODER,
    coded_date: s.recordedAt.slice(0, 10),
    version: s.version,
    comment:
      coding.event === null
        ? `CAMEO ${s.cameo} (${s.kind}): PLOVER codes no public statements or appeals`
        : null,
    kind: s.kind,
    dateBasis: s.dateBasis,
    cameo: s.cameo,
    goldstein: s.goldstein,
    speaker: ploverActor(s.speaker),
    status: s.status,
    retractedOn: s.retractedOn,
    corrections: s.corrections,
    eventId: s.eventId,
    eventHash: s.eventHash,
  };
}

export const ploverLine = (statement: ExportedStatement) =>
  `${JSON.stringify(ploverRecord(statement))}\n`;
