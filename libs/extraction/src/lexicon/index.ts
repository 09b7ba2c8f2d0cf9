/**
 * The words the extractor reads: reporting verbs and the statement kind each one signals, the
 * nouns that name roles and bodies, and the words that end or qualify a speaker's phrase.
 * Lemmas, lower case. By topic: verbs, people, organisations (and states), phrases.
 *
 * The extractor imports the topic files themselves: a re-export compiles to a getter, which its
 * inner loops would call on every word.
 */
export * from './verbs';
export * from './people';
export * from './organisations';
export * from './phrases';
