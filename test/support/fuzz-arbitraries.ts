/**
 * fast-check arbitraries for test/e2e/fuzz.e2e.spec.ts: hostile JSON bodies, and hostile path
 * ids, query strings and headers as they go on the wire. Everything here is a valid HTTP/1.1
 * request (Node's own parser answers other bytes before the app sees them): non-ASCII goes as
 * percent-encoded (WTF-8, so lone surrogates become `%ED%A0%80`) or, in headers, as raw UTF-8
 * bytes; stray `%` escapes are sent verbatim.
 */
import fc from 'fast-check';
import { STATEMENT_KINDS } from '@app/domain';
import { ACCUSATION_STATUSES, ALERT_TYPES } from '@app/projections';

export type Headers = Record<string, string>;

export const hostileString = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom(
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    '\u0000',
    '\u202e\u202d',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂',
    'ｃｈｉｎａ',
    '../../etc/passwd',
    '%00',
    '$(rm -rf /)',
    '{"__proto__":{"polluted":true}}',
    'st_aaaaaaaaaaaa_',
    '2024-02-30',
    '9999-99-99T99:99:99Z',
    'Q0',
    ' ',
  ),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);
/** hostileString without the 300k giants: what fits in a URL or a header. */
const shortHostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u202d',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂',
    'ｃｈｉｎａ',
    'сhina', // Cyrillic с
    '../../etc/passwd',
    '$(rm -rf /)',
    '{"__proto__":{"polluted":true}}',
    '__proto__',
    'constructor',
    'st_aaaaaaaaaaaa_',
    'null',
    'undefined',
    '-1',
    ' ',
    '',
  ),
);
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
})).value;
/** JSON text nested `depth` levels deep (as text: fast-check need not print a deep value). */
export const deepNest = fc.integer({ min: 50, max: 3_000 }).map((depth) => {
  const opens = Array.from({ length: depth }, (_, i) => (i % 2 ? '{"a":' : '[')).join('');
  const closes = Array.from({ length: depth }, (_, i) => (i % 2 ? '}' : ']'))
    .reverse()
    .join('');
  return `${opens}"bottom"${closes}`;
});

/** A valid body (as JSON text) with one field hostile, missing or extra, or no valid body at all. */
export function mutated(valid: Record<string, unknown>): fc.Arbitrary<string> {
  const fields = Object.keys(valid);
  const json = (value: unknown) => JSON.stringify(value) ?? 'null';
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...fields), hostileValue)
      .map(([field, value]) => json({ ...valid, [field]: value })),
    fc
      .tuple(fc.constantFrom(...fields), deepNest)
      .map(([field, nest]) => json({ ...valid, [field]: '__DEEP__' }).replace('"__DEEP__"', nest)),
    fc.constantFrom(...fields).map((field) => {
      const copy = { ...valid };
      delete copy[field];
      return json(copy);
    }),
    fc
      .tuple(hostileString, hostileValue)
      .map(([field, value]) => json({ ...valid, [field || 'extra']: value })),
    hostileValue.map(json),
    deepNest,
  );
}

/** Each field of a valid body set, in turn, to values that tend to slip past checks. */
export function fieldSamples(valid: Record<string, unknown>): string[] {
  const odd: unknown[] = [null, '', ' ', '\u0000', 0, -1, 1e308, true, [], [null], {}];
  odd.push({ '': 1 }, JSON.parse('{"__proto__":{"x":1}}'), { constructor: 1 }, 'x'.repeat(10_001));
  return Object.keys(valid).flatMap((field) =>
    odd.map((value) => JSON.stringify({ ...valid, [field]: value })),
  );
}

// ------------------------------------------------------------------ wire encodings

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** UTF-8 bytes of `text`, lone surrogates as their 3-byte WTF-8 form (what `%ED%A0%80` is). */
function wtf8(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return bytes;
}

/** Every byte but the unreserved ones percent-encoded. */
export const percentEncoded = (text: string) =>
  wtf8(text)
    .map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : hex(b)))
    .join('');
/** Visible ASCII sent as is (`%`, `&`, `=`, `+`, `;`, `[`… included), the rest encoded. */
const semiRaw = (reserved: RegExp) => (text: string) =>
  wtf8(text)
    .map((b) =>
      b > 0x20 && b < 0x7f && !reserved.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : hex(b),
    )
    .join('');
/** A header value: UTF-8 bytes as latin1 (raw on the wire), without the bytes HTTP forbids. */
export const headerValue = (text: string) =>
  Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '')
    .slice(0, 2_500);

/** Escapes that do not decode, decode to NUL, to a surrogate, overlong forms, traversal. */
export const PERCENT_JUNK =
  '%00 %ED%A0%80 %ED%BF%BF %C0%80 %C0%AF %E0%A4%A %FF%FE %F4%90%80%80 % %% %zz %2 ..%2F ..%2F..%2F..%2Fetc%2Fpasswd %2e%2e%2f %252e%252e%252f %5C..%5C %0D%0ASet-Cookie:%20x=1 %u0041 %C3%28'.split(
    ' ',
  );

const withJunk = (wire: fc.Arbitrary<string>) =>
  fc
    .tuple(wire, fc.constantFrom(...PERCENT_JUNK), fc.constantFrom('prefix', 'suffix', 'middle'))
    .map(([w, junk, at]) =>
      at === 'prefix'
        ? junk + w
        : at === 'suffix'
          ? w + junk
          : w.slice(0, w.length >> 1) + junk + w.slice(w.length >> 1),
    );

// ------------------------------------------------------------------ path ids

/** Ways to get a valid id almost right; the first (all capitals) comes first on purpose. */
export function nearMisses(valid: string): string[] {
  return [
    valid.toUpperCase(),
    `${valid}%20`,
    `%20${valid}`,
    `${valid}%00`,
    `${valid}%0A`,
    valid.slice(0, -1),
    `${valid}${valid}`,
    `${valid}.json`,
    `${valid}/`,
    `${valid}%2F`,
    `${valid}%2F..%2F..`,
    [...valid].map((c) => hex(c.charCodeAt(0))).join(''), // decodes to the valid id
    `${valid}%ED%A0%80`,
    valid.replace(/[a-f]/, (c) => percentEncoded(String.fromCharCode(c.charCodeAt(0) + 0xfee0))),
  ];
}

/** Deterministic hostile path segments (wire form) beside `valid`. */
export function pathSamples(valid: string): string[] {
  return [
    ...nearMisses(valid),
    ...PERCENT_JUNK,
    '',
    '.',
    '..',
    'a/b',
    percentEncoded("'; DROP TABLE events; --"),
    percentEncoded('𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂'),
    percentEncoded('\u202e'),
    'st_aaaaaaaaaaaa_',
    'a'.repeat(3_000),
    percentEncoded('é'.repeat(400)),
    '00000000-0000-0000-0000-000000000000',
    'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    '0'.repeat(32),
  ];
}

export function pathSegment(valid: string): fc.Arbitrary<string> {
  const text = fc.oneof(shortHostile, fc.constantFrom(valid));
  return fc.oneof(
    { arbitrary: fc.constantFrom(...nearMisses(valid)), weight: 2 },
    { arbitrary: text.map(percentEncoded), weight: 3 },
    { arbitrary: text.map(semiRaw(/[/?#]/)), weight: 2 },
    { arbitrary: withJunk(text.map(percentEncoded)), weight: 2 },
    fc.constantFrom('', '.', '..', 'a/b', '%2F', '//', 'a;b=c'),
    fc.integer({ min: 101, max: 3_000 }).map((n) => 'a'.repeat(n)),
    fc.integer({ min: 1, max: 500 }).map((n) => percentEncoded('é🙂'.repeat(n)).slice(0, 3_000)),
  );
}

// ------------------------------------------------------------------ query strings

/** Read-model query parameters, whether or not the OpenAPI document lists them. */
export const KNOWN_QUERY_PARAMS =
  'asOf knownAt from to limit cursor q kind role direction granularity status actorId type state targetId propositionId'.split(
    ' ',
  );
const ENUMS: Record<string, readonly string[]> = {
  kind: STATEMENT_KINDS,
  role: ['principal', 'speaker'],
  direction: ['outgoing', 'incoming'],
  granularity: ['week', 'month'],
  status: ACCUSATION_STATUSES,
  type: ALERT_TYPES,
  state: ['open', 'dismissed'],
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateLike = fc
  .tuple(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 14 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const BAD_DATES = [
  '0000-01-01',
  '2024-02-30',
  '2023-02-29',
  '9999-12-31',
  '0001-01-01',
  '2024-1-1',
  '-0001-01-01',
  '+002024-01-01',
  '2024-07-11T00:00:00Z',
  '20240711',
];
const date = fc.oneof(dateLike, fc.constantFrom(...BAD_DATES));
const zone = fc.oneof(
  fc.constant('Z'),
  fc
    .tuple(
      fc.constantFrom('+', '-'),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 0, max: 99 }),
    )
    .map(([sign, h, m]) => `${sign}${pad(h, 2)}:${pad(m, 2)}`),
);
const BAD_INSTANTS = [
  '2024-07-11T10:00:00+23:00',
  '0001-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59-14:00',
  '0000-01-01T00:00:00Z',
  '2024-07-11T24:00:00Z',
  '2016-12-31T23:59:60Z',
  '2024-07-11T10:00:00.1234567890Z',
  '2024-07-11T10:00:00',
  'now',
  '1720692000',
];
const instantLike = fc.oneof(
  fc
    .tuple(
      date,
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 61 }),
      fc.integer({ min: 0, max: 61 }),
      zone,
    )
    .map(([d, h, m, s, z]) => `${d}T${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${z}`),
  fc.constantFrom(...BAD_INSTANTS),
);
const LIMITS = [
  '0',
  '-1',
  '1',
  '500',
  '501',
  '1e2',
  '0x10',
  '1.5',
  'NaN',
  'Infinity',
  '-0',
  ' 1',
  '１',
  '9'.repeat(400),
];
const uuidLike = fc.oneof(
  fc.uuid(),
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef-'), minLength: 36, maxLength: 36 }),
);
const b64url = (text: string) => Buffer.from(text).toString('base64url');
/** Cursors shaped like the API's (base64url JSON [date, id]) with wrong dates and ids. */
export const CURSORS = [
  b64url('["0000-01-01","00000000-0000-4000-8000-000000000000"]'),
  b64url('["2024-02-30","00000000-0000-4000-8000-000000000000"]'),
  b64url(`["2024-07-11","${'-'.repeat(36)}"]`),
  b64url('["2024-07-11"]'),
  b64url('{"__proto__":1}'),
  'not-a-cursor',
];
const cursor = fc.oneof(
  fc
    .tuple(fc.oneof(date, shortHostile), fc.oneof(uuidLike, shortHostile))
    .map((parts) => b64url(JSON.stringify(parts))),
  hostileValue.map((v) => b64url(JSON.stringify(v) ?? '')),
  fc.constantFrom(...CURSORS),
);
const TSQUERY = [
  '"',
  '-',
  '!',
  '&|',
  '<->',
  ':*',
  'a & b',
  '((',
  "'",
  'OR',
  '-"-"',
  'a'.repeat(201),
  '\\',
];

function valueFor(name: string, ids: readonly string[]): fc.Arbitrary<string> {
  const choices: Array<fc.Arbitrary<string>> = [shortHostile];
  if (['asOf', 'from', 'to'].includes(name)) choices.push(date, date);
  if (name === 'knownAt') choices.push(instantLike, instantLike);
  if (name === 'limit') choices.push(fc.constantFrom(...LIMITS), fc.integer().map(String));
  if (name === 'cursor') choices.push(cursor, cursor);
  if (name === 'q')
    choices.push(fc.constantFrom(...TSQUERY), fc.string({ unit: 'grapheme', maxLength: 250 }));
  if (ENUMS[name]) {
    const values = ENUMS[name];
    choices.push(
      fc.constantFrom(...values),
      fc.constantFrom(...values).map((v) => v.toUpperCase()),
      fc.constantFrom(...values).map((v) => ` ${v}\u0000`),
    );
  }
  if (name.endsWith('Id')) choices.push(fc.constantFrom(...ids));
  return fc.oneof(...choices);
}

/** `name=value` pieces for one operation's query string (names: documented and known ones). */
export function queryString(
  names: readonly string[],
  ids: readonly string[],
  keys: readonly string[],
) {
  const name = fc.constantFrom(...names);
  const encodeValue = (value: fc.Arbitrary<string>) =>
    fc.oneof(
      { arbitrary: value.map(percentEncoded), weight: 4 },
      { arbitrary: value.map(semiRaw(/[#]/)), weight: 2 },
      withJunk(value.map(percentEncoded)),
    );
  const named = name.chain((n) => encodeValue(valueFor(n, ids)).map((v) => [n, v] as const));
  const piece = fc.oneof(
    { arbitrary: named.map(([n, v]) => `${n}=${v}`), weight: 6 },
    named.chain(([n, v]) => encodeValue(valueFor(n, ids)).map((w) => `${n}=${v}&${n}=${w}`)),
    named.map(([n, v]) => `${n}[]=${v}`),
    fc.tuple(named, shortHostile).map(([[n, v], k]) => `${n}[${percentEncoded(k)}]=${v}`),
    name.map((n) => n),
    fc.tuple(shortHostile, encodeValue(shortHostile)).map(([k, v]) => `${percentEncoded(k)}=${v}`),
    fc
      .tuple(fc.constantFrom('api_key', 'key', 'access_token', 'token'), fc.constantFrom(...keys))
      .map(([k, v]) => `${k}=${v}`),
    fc.constantFrom(
      '',
      '&',
      '=',
      '==',
      '&=&',
      ';',
      '%26',
      '?',
      'a=1;b=2',
      '__proto__[x]=1',
      'constructor[prototype][x]=1',
    ),
  );
  return fc
    .array(piece, { minLength: 1, maxLength: 4 })
    .map((pieces) => pieces.join('&').slice(0, 3_000));
}

/** Deterministic query strings: the forms the brief names, for this operation's parameters. */
export function querySamples(names: readonly string[], keys: readonly string[]): string[] {
  const has = (n: string) => names.includes(n);
  const samples = [
    'a=1&a=2',
    'a[]=x',
    'a[b]=c',
    'unknownParam=1',
    `api_key=${keys[0]}`,
    '%ED%A0%80=1',
    '%00=%00',
    '&&&',
    '__proto__[polluted]=1',
  ];
  for (const n of names)
    samples.push(`${n}=1&${n}=2`, `${n}[]=x`, `${n}[b]=c`, `${n}=%00`, `${n}=%ED%A0%80`);
  for (const n of ['asOf', 'from', 'to'].filter(has))
    samples.push(...['0000-01-01', '2024-02-30'].map((d) => `${n}=${d}`));
  if (has('knownAt')) samples.push(...BAD_INSTANTS.map((t) => `knownAt=${percentEncoded(t)}`));
  if (has('limit')) samples.push(...LIMITS.map((l) => `limit=${percentEncoded(l)}`));
  if (has('cursor')) samples.push(...CURSORS.map((c) => `cursor=${c}`));
  if (has('q')) samples.push(...TSQUERY.map((q) => `q=${percentEncoded(q)}`));
  return samples;
}

// ------------------------------------------------------------------ headers

const CONTENT_TYPES = [
  'text/plain',
  'application/json; charset=utf-16',
  'application/json; charset=foo',
  'application/json; charset="',
  'application/json;;;',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=',
  'application/merge-patch+json',
  'application/problem+json',
  '*/*',
  'application/json, text/plain',
  '',
  ';',
  'json',
];
const ACCEPTS = [
  'text/html',
  '*/*;q=0',
  'application/xml',
  '',
  'application/problem+json;q=0',
  'image/*',
  ';;',
  'application/json; q=abc',
];
const ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'x-junk', 'gzip, gzip', 'compress', ''];
const IF_MATCH = [
  '"3"',
  'W/"1"',
  '*',
  '"999999999999999"',
  '"9999999999999999"',
  '"-1"',
  '"1e3"',
  '"0"',
  '3, 4',
  '""',
];
const IF_NONE_MATCH = ['*', 'W/"x"', ', , ,', '"a", *', 'W/"' + 'a'.repeat(2_000) + '"'];
const longText = fc.integer({ min: 201, max: 2_500 }).map((n) => 'k'.repeat(n));
const text = fc.oneof(
  shortHostile,
  longText,
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
);

/** One or more hostile request headers (names lower-case). */
export function hostileHeaders(keys: readonly string[]): fc.Arbitrary<Headers> {
  const values: Record<string, fc.Arbitrary<string>> = {
    'idempotency-key': fc.oneof(
      text,
      fc.constantFrom(...keys),
      fc.string({ unit: fc.constantFrom(...'!~azAZ09"\\'), minLength: 1, maxLength: 200 }),
    ),
    'if-match': fc.oneof(fc.constantFrom(...IF_MATCH), text),
    'if-none-match': fc.oneof(fc.constantFrom(...IF_NONE_MATCH), text),
    'x-correlation-id': fc.oneof(text, fc.constantFrom(...keys, 'a'.repeat(101), 'ok-id.1:2')),
    'content-type': fc.oneof(fc.constantFrom(...CONTENT_TYPES), text),
    accept: fc.oneof(fc.constantFrom(...ACCEPTS), text),
    'content-encoding': fc.constantFrom(...ENCODINGS),
    'x-forwarded-for': fc.oneof(text, fc.constant('1.2.3.4, ::1, garbage')),
  };
  return fc
    .uniqueArray(fc.constantFrom(...Object.keys(values)), { minLength: 1, maxLength: 3 })
    .chain((names) =>
      fc.tuple(...names.map((n) => values[n].map((v) => [n, headerValue(v)] as const))),
    )
    .map((pairs) => Object.fromEntries(pairs));
}

/** Deterministic hostile headers, one set per entry. */
export function headerSamples(keys: readonly string[]): Headers[] {
  return [
    ...CONTENT_TYPES.map((v) => ({ 'content-type': v })),
    ...ACCEPTS.map((v) => ({ accept: v })),
    ...ENCODINGS.map((v) => ({ 'content-encoding': v, 'content-type': 'application/json' })),
    ...IF_MATCH.map((v) => ({ 'if-match': v })),
    ...IF_NONE_MATCH.map((v) => ({ 'if-none-match': v })),
    ...['a'.repeat(201), 'k'.repeat(2_500), headerValue('ключ🙂'), '"quoted"', keys[0]].map(
      (v) => ({ 'idempotency-key': v }),
    ),
    ...['a'.repeat(101), headerValue('💥'), keys[0]].map((v) => ({ 'x-correlation-id': v })),
  ];
}

/** Credentials: mostly the admin key; otherwise none, garbage or another key, in either header. */
export function authHeaders(admin: string, others: readonly string[]): fc.Arbitrary<Headers> {
  const garbage = fc.oneof(text.map(headerValue), fc.constantFrom(...others));
  return fc.oneof(
    { arbitrary: fc.constant({ authorization: `Bearer ${admin}` }), weight: 12 },
    fc.constant({}),
    garbage.map((g) => ({ authorization: g })),
    garbage.map((g) => ({ authorization: `Bearer ${g}` })),
    garbage.map((g) => ({ 'x-api-key': g })),
    garbage.map((g) => ({ authorization: g, 'x-api-key': admin })),
    fc.constantFrom<Headers>(
      { authorization: `bearer ${admin}` },
      { authorization: `Bearer  ${admin} ` },
      { authorization: `Bearer ${admin} extra` },
      { authorization: `Basic ${Buffer.from(`admin:${admin}`).toString('base64')}` },
      { authorization: 'Bearer' },
      { 'x-api-key': admin },
      { 'x-api-key': `${admin}x` },
    ),
  );
}
