export * from './lexicon';
export * from './gazetteer';
export { BUILTIN_GAZETTEER } from './builtin-gazetteer';
export { analyse, splitWords } from './text';
export type { Sentence, Token } from './text';
export { extract, gazetteerOf, EXTRACTOR } from './extract';
export type { ActorRef, Candidate, SpeakerVia } from './extract';
export * from './evaluate';
