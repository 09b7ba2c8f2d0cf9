/**
 * What the stages hand each other: the actors a sentence mentions, the reporting verbs, the
 * speakers found for them, and the candidate statements they end in.
 */
import type { GazetteerEntry } from '../gazetteer';
import type { StatementKind } from '../lexicon/verbs';
import type { Sentence } from '../text';

export interface ActorRef {
  id: string;
  name: string;
  /** Not in the gazetteer: proposed from the text. */
  proposed?: boolean;
}

export type SpeakerVia =
  'named' | 'near-name' | 'pronoun' | 'role' | 'document' | 'according-to' | 'continuation';

export interface Candidate {
  speaker: ActorRef;
  principal: ActorRef | null;
  kind: StatementKind;
  targets: ActorRef[];
  /** The quoted words (several quotations joined by " … "), or null. */
  quote: string | null;
  /** What an accusation alleges ("of playing a key role …"), or null. */
  allegation: string | null;
  /** The sentence(s) the statement was found in, and their offsets in the text. */
  text: string;
  start: number;
  end: number;
  confidence: number;
  via: SpeakerVia;
  /** The reporting verb as written, or null for a continued quotation. */
  verb: string | null;
}

/** An actor named in a sentence. */
export interface Mention {
  /** Token indexes in the sentence, [from, to). */
  from: number;
  to: number;
  actor: ActorRef;
  entry: GazetteerEntry | null;
  how: 'name' | 'alias' | 'context' | 'demonym' | 'person-name' | 'near-name' | 'organisation-name';
}

/** A sentence of the text, with the actors it mentions: what the statement stages read. */
export interface SentenceAt {
  text: string;
  sentences: Sentence[];
  index: number;
  mentions: Mention[];
}

/** A reporting verb outside quotation marks. */
export interface Verb {
  index: number;
  /** Index of the last token of the verb (the particle of a phrasal verb). */
  last: number;
  lemma: string;
  kind: StatementKind;
}

export interface Speaker {
  speaker: ActorRef;
  principal: ActorRef | null;
  via: SpeakerVia;
  /** Tokens of the speaker's phrase in the sentence, when it is there. */
  span?: [number, number];
  /** A definite role with no name ("Turkey's president", "the mayor of Chicago"): the role. */
  unnamedRole?: string;
  /** A person whose phrase gives a title or role ("Kremlin spokesman Dmitry Peskov"). */
  titled?: boolean;
}

/** A reporting verb with the speakers found for it. */
export interface Attributed {
  verb: Verb;
  speakers: Speaker[];
  gerund: boolean;
  /** Shares the speakers of the verb before it ("denied … and stressed …"). */
  coordinated: boolean;
}

/** A statement found in a sentence, with where its verb is (the candidate is not copied). */
export interface Found {
  candidate: Candidate;
  verbIndex: number;
  coordinated: boolean;
}

/** A statement whose speaker was only a role, and the role ("Turkey's president"). */
export interface UnnamedRole {
  candidate: Candidate;
  role: string;
}
