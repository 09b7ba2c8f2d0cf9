/**
 * The actors the extractor knows: names, aliases (`Beijing` → China), aliases that only count
 * once the actor was named (`the alliance` → NATO), demonyms (`Chinese`) and memberships
 * (Dmitry Peskov → Kremlin → Russia) that give a speaker its principal. Built from the actor
 * registry in the api, or from the built-in list when there is no database.
 */
export type ActorKind = 'state' | 'organisation' | 'government-body' | 'person' | 'group';

export interface GazetteerEntry {
  id: string;
  name: string;
  kind: ActorKind;
  aliases?: string[];
  /** Aliases that name it only after it was named in the same text ("the alliance"). */
  contextAliases?: string[];
  /** Adjectives that qualify a role or body as its ("Chinese foreign ministry spokesman"). */
  demonyms?: string[];
  /** What it belongs to or speaks for, nearest first: person → body → state. */
  memberOf?: string[];
}

export interface AliasMatch {
  entry: GazetteerEntry;
  /** How many tokens it covers. */
  length: number;
  how: 'name' | 'alias' | 'context' | 'demonym';
}

interface Pattern {
  words: string[];
  /** Which words are lower case (they match in any case). */
  lower: boolean[];
  entry: GazetteerEntry;
  how: AliasMatch['how'];
}

/** Splits a name the way the analyser splits text: words, and "'s" and "." kept apart. */
export type WordSplitter = (text: string) => string[];

/** Typographic apostrophes and quotes as plain ones, so "Russia’s" matches "Russia's". */
export function normaliseWord(word: string): string {
  return word.includes('’') || word.includes('‘') ? word.replace(/[’‘]/g, "'") : word;
}

const PRINCIPAL_KINDS: ReadonlySet<ActorKind> = new Set(['state', 'organisation', 'group']);

export class Gazetteer {
  private readonly byId = new Map<string, GazetteerEntry>();
  /** First word → patterns starting with it, longest first. */
  private readonly patterns = new Map<string, Pattern[]>();
  private readonly people: GazetteerEntry[] = [];

  constructor(
    readonly entries: readonly GazetteerEntry[],
    split: WordSplitter,
  ) {
    for (const entry of entries) {
      this.byId.set(entry.id, entry);
      if (entry.kind === 'person') this.people.push(entry);
      const add = (text: string, how: Pattern['how']) => {
        const words = split(text).map(normaliseWord);
        if (words.length === 0) return;
        const key = words[0].toLowerCase();
        const list = this.patterns.get(key) ?? [];
        list.push({ words, entry, how, lower: words.map(isLower) });
        this.patterns.set(key, list);
      };
      add(entry.name, 'name');
      for (const alias of entry.aliases ?? []) add(alias, 'alias');
      for (const alias of entry.contextAliases ?? []) add(alias, 'context');
      for (const demonym of entry.demonyms ?? []) add(demonym, 'demonym');
    }
    for (const list of this.patterns.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Whether some name begins with this word (in lower case). */
  starts(lower: string): boolean {
    return this.patterns.has(lower);
  }

  get(id: string): GazetteerEntry | undefined {
    return this.byId.get(id);
  }

  /**
   * The longest actor name starting at `words[at]`. Capitalised words must match exactly (so
   * "US" is not "us"); lower-case ones ("the alliance") in any case. Context aliases count only
   * for actors in `named`. The words come with typographic apostrophes made plain
   * (normaliseWord).
   */
  match(
    words: readonly string[],
    at: number,
    named: ReadonlySet<string>,
    /** The words in lower case, when the caller has them. */
    lowers?: readonly string[],
  ): AliasMatch | null {
    const first = words[at];
    if (first === undefined) return null;
    const patterns = this.patterns.get(lowers?.[at] ?? first.toLowerCase());
    if (!patterns) return null;
    for (const pattern of patterns) {
      if (pattern.how === 'context' && !named.has(pattern.entry.id)) continue;
      if (at + pattern.words.length > words.length) continue;
      let ok = true;
      for (let i = 0; i < pattern.words.length && ok; i++) {
        const want = pattern.words[i];
        const got = words[at + i];
        ok =
          want === got ||
          (pattern.lower[i] && want === (lowers ? lowers[at + i] : got.toLowerCase()));
      }
      if (ok) return { entry: pattern.entry, length: pattern.words.length, how: pattern.how };
    }
    return null;
  }

  /**
   * On whose behalf `id` speaks: following memberships up to a state, organisation or group.
   * Null when it speaks for itself.
   */
  principalOf(id: string): GazetteerEntry | null {
    let current = this.byId.get(id);
    const seen = new Set<string>();
    while (current && !PRINCIPAL_KINDS.has(current.kind) && !seen.has(current.id)) {
      seen.add(current.id);
      const parent = current.memberOf?.[0];
      if (!parent) break;
      current = this.byId.get(parent);
    }
    if (!current || current.id === id || !PRINCIPAL_KINDS.has(current.kind)) return null;
    return current;
  }

  /** A known person whose name differs from `name` by one letter (misspellings in copy). */
  nearPerson(name: string): GazetteerEntry | null {
    if (name.length < 6) return null;
    if (this.personNames === null) {
      this.personNames = [];
      for (const person of this.people)
        for (const known of [person.name, ...(person.aliases ?? [])])
          if (known.length >= 6) this.personNames.push([known, person]);
    }
    for (const [known, person] of this.personNames)
      if (Math.abs(known.length - name.length) <= 1 && withinOneEdit(known, name)) return person;
    return null;
  }

  /** Every name and alias of a person, six letters or more, for nearPerson. */
  private personNames: Array<[string, GazetteerEntry]> | null = null;
}

function isLower(word: string): boolean {
  return word === word.toLowerCase();
}

/** True when a and b differ by at most one insertion, deletion or substitution. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** "Kremlin spokesman" → "kremlin-spokesman": ids for actors proposed from the text. */
const slugs = new Map<string, string>();

export function slugOf(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = slugFor(name);
    if (slugs.size > 50_000) slugs.clear();
    slugs.set(name, slug);
  }
  return slug;
}

function slugFor(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
