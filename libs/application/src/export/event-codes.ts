/**
 * What event-data tools expect besides our own fields: the CAMEO code's base and root, GDELT's
 * QuadClass, and CAMEO/PLOVER-style actor codes built from what actors record.
 */
import type { ExportedActor, ExportedStatement } from '@app/projections';
import { alpha3 } from './country-codes';

/** GDELT QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
export type QuadClass = 1 | 2 | 3 | 4;

/** A CAMEO event code ("1121") → its base ("112") and root ("11") codes and QuadClass. */
export function cameoParts(code: string): { base: string; root: string; quadClass: QuadClass } {
  const root = code.slice(0, 2);
  return { base: code.slice(0, 3), root, quadClass: quadClassOf(root) };
}

/** The CAMEO cue categories 01–05, 06–09, 10–14 and 15–20, as GDELT groups them. */
export function quadClassOf(root: string): QuadClass {
  const n = Number(root);
  if (!Number.isInteger(n) || n < 1 || n > 20) throw new Error(`not a CAMEO root code: ${root}`);
  return n <= 5 ? 1 : n <= 9 ? 2 : n <= 14 ? 3 : 4;
}

/**
 * The actor an event is attributed to: the principal (on whose behalf it was said), else the
 * speaker — the domain's rule.
 */
export const actor1Of = (statement: ExportedStatement): ExportedActor =>
  statement.principal ?? statement.speaker;

/** The actor's country as ISO 3166-1 alpha-3 ("CHN"); null when it records none. */
export const countryOf = (actor: ExportedActor | null | undefined): string | null =>
  alpha3(actor?.countryCode);

/** The PLOVER/CAMEO sector we can tell from an actor's kind: government bodies are GOV. */
export const sectorOf = (actor: ExportedActor | null | undefined): string | null =>
  actor?.kind === 'government-body' ? 'GOV' : null;

/**
 * A CAMEO-style actor code: the country (alpha-3) followed by the sector when we know one
 * ("RUS", "RUSGOV"); "" without a country. We code no other roles: the actor's own id is in
 * the export beside it.
 */
export function cameoActorCode(actor: ExportedActor | null | undefined): string {
  const country = countryOf(actor);
  return country ? `${country}${sectorOf(actor) ?? ''}` : '';
}
