// The lexicon's words that other code reads; the rest of it is the extractor's own.
export {
  baseForm,
  BODY_NOUNS,
  DESCRIPTOR_NOUNS,
  DOCUMENT_NOUNS,
  KIND_PRIORITY,
  NEGATORS,
  NOT_NAMES,
  ORGANISATION_NOUNS,
  PHRASAL_VERBS,
  PHRASE_LINKS,
  REPORTING_VERBS,
  ROLE_NOUNS,
  SPEAKER_PRONOUNS,
  TAKES_TARGET_OBJECT,
} from './lexicon';
export type { StatementKind } from './lexicon';
export * from './gazetteer';
export { BUILTIN_GAZETTEER } from './builtin-gazetteer';
export { analyse, splitWords } from './text';
export type { Sentence, Token } from './text';
export { extract, gazetteerOf, EXTRACTOR } from './extract';
export type { ActorRef, Candidate, SpeakerVia } from './extract';
export * from './evaluate';
