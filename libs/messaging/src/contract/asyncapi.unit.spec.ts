/**
 * docs/asyncapi.yaml is the contract downstream services code against. Every event the
 * domain can emit — produced here by its own deciders — must validate against the schema the
 * document gives for its type, with CloudEvents headers that validate too, on the channel the
 * relay really publishes to. So the docs and the code can't drift.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import {
  AccusationCommand,
  ActorCommand,
  AlertReviewCommand,
  PropositionCommand,
  SourceCommand,
  StatementCommand,
  accusationDecider,
  actorDecider,
  alertReviewDecider,
  Decider,
  DOMAIN_EVENT_TYPES,
  DomainEvent,
  foldEvents,
  propositionDecider,
  sourceDecider,
  StatementFacts,
  statementDecider,
} from '@app/domain';
import { streamCategory } from '@app/event-store';
import { toCloudEvent, topicFor } from '../relay/cloudevents';

const doc = parse(readFileSync(join(__dirname, '../../../../docs/asyncapi.yaml'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, 'asyncapi');
const schema = (name: string) => {
  const validate = ajv.getSchema(`asyncapi#/components/schemas/${name}`);
  if (!validate) throw new Error(`docs/asyncapi.yaml has no schema ${name}`);
  return validate;
};

const S = '0b6d1b5e-1f0e-4c7e-9d38-3a1f2f7c4e10';
const S2 = '1c7e2c6f-2a1f-4d8f-8e49-4b2a3a8d5f21';
const SRC = '6f1c2d7e-3b7a-4a55-9a43-0c9d2f2c1b11';
const A = 'c0ffee00-1111-4222-8333-444455556666';
const ALERT = '0123456789abcdef0123456789abcdef';

/** Run commands through a decider, folding as it goes; returns [streamId, event] pairs. */
function play<C, St, E extends DomainEvent>(
  streamId: string,
  decider: Decider<C, St, E>,
  commands: C[],
): Array<[string, E]> {
  const events: E[] = [];
  for (const command of commands)
    events.push(...decider.decide(command, foldEvents(decider, events)));
  return events.map((event) => [streamId, event]);
}

/** What a statement tells the accusation rules, for the fixtures. */
function facts(
  statementId: string,
  kind: StatementFacts['kind'],
  speakerId: string,
  principalId: string | null,
): StatementFacts {
  return {
    statementId,
    kind,
    speakerId,
    principalId,
    targetIds: ['china'],
    withdrawn: false,
  };
}

const ACTOR_COMMANDS: ActorCommand[] = [
  {
    type: 'RegisterActor',
    actorId: 'dmitry-peskov',
    name: 'Dmitry Peskov',
    kind: 'person',
    aliases: ['Peskov'],
    wikidataId: 'Q1385',
    countryCode: 'RU',
  },
  { type: 'AddActorAlias', alias: 'Dmitri Peskov' },
  {
    type: 'AddActorAffiliation',
    affiliationId: 'spokesman',
    organisationId: 'kremlin',
    role: 'spokesman',
    from: '2012-05-22',
  },
  { type: 'EndActorAffiliation', affiliationId: 'spokesman', to: '2030-01-01' },
  { type: 'AbsorbActor', from: 'd-peskov', name: 'D. Peskov', aliases: [] },
  { type: 'MergeActor', into: 'someone-else', reason: 'example' },
];

const SOURCE_COMMANDS: SourceCommand[] = [
  {
    type: 'RegisterSource',
    sourceId: SRC,
    url: 'https://news.example/a',
    title: 'T',
    publishedAt: '2024-07-11T10:00:00Z',
    text: 'NATO said it was ready. Russia denied it.',
    sha256: 'a'.repeat(64),
    extractor: { name: 'statement-tracker-rules', version: '0.1.0' },
    candidates: [0, 1].map((i) => ({
      candidateId: `00000000-0000-4000-8000-00000000000${i}`,
      speaker: { id: i === 0 ? 'nato' : 'russia', name: i === 0 ? 'NATO' : 'Russia' },
      principal: null,
      kind: i === 0 ? 'statement' : 'denial',
      targets: i === 0 ? [] : [{ id: 'nato', name: 'NATO', proposed: false }],
      quote: null,
      allegation: null,
      span: i === 0 ? { start: 0, end: 22 } : { start: 23, end: 41 },
      confidence: 0.85,
    })),
  },
  {
    type: 'AcceptCandidate',
    candidateId: '00000000-0000-4000-8000-000000000000',
    statementId: '00000000-0000-4000-8000-0000000000aa',
    as: 'recorded',
    acceptedBy: 'analyst-1',
  },
  {
    type: 'RejectCandidate',
    candidateId: '00000000-0000-4000-8000-000000000001',
    reason: 'not a statement',
    rejectedBy: 'analyst-1',
  },
];

const PROPOSITION_COMMANDS: PropositionCommand[] = [
  {
    type: 'DefineProposition',
    propositionId: 'nato-threatens-russia',
    text: 'NATO threatens Russia',
    tags: ['nato'],
  },
  { type: 'RewordProposition', text: 'NATO is a threat to Russia', reason: 'wording' },
];

const STATEMENT_COMMANDS: StatementCommand[] = [
  {
    type: 'RecordStatement',
    statementId: S,
    speakerId: 'dmitry-peskov',
    principalId: 'russia',
    kind: 'warning',
    cameo: '138',
    targetIds: ['nato'],
    quote: 'countermeasures',
    saidAt: { date: '2024-07-11', precision: 'day' },
    source: { sourceId: SRC, span: { start: 0, end: 4 }, reportedAt: '2024-07-11T12:00:00Z' },
    provenance: { method: 'extractor', extractor: 'st-extract', version: '0.1.0' },
    stances: [{ propositionId: 'nato-threatens-russia', stance: 'supports' }],
  },
  {
    type: 'CorrectStatement',
    changes: { kind: 'statement', principalId: null },
    reason: 'example',
    correctedBy: 'key:abc',
  },
  { type: 'AddStatementMention', source: { sourceId: S2 } },
  { type: 'TakeStance', propositionId: 'other-claim', stance: 'opposes' },
  { type: 'RetractStatement', retractedOn: '2024-07-12', sourceId: SRC },
  { type: 'WithdrawStatement', reason: 'duplicate', duplicateOf: S2, note: 'example' },
];

const ACCUSATION_COMMANDS: AccusationCommand[] = [
  {
    type: 'MakeAccusation',
    accusationId: A,
    statement: facts(S, 'accusation', 'nato', null),
    allegation: 'example',
  },
  {
    type: 'RespondToAccusation',
    response: 'denial',
    statement: facts(S2, 'denial', 'lin-jian', 'china'),
  },
  {
    type: 'RespondToAccusation',
    response: 'acknowledgement',
    statement: facts('2d8f3d7a-3b2f-4e9f-9f5a-5c3b4b9e6a32', 'statement', 'china', null),
  },
  {
    type: 'RespondToAccusation',
    response: 'withdrawal',
    statement: facts('3e9a4e8b-4c3a-4fa0-8a6b-6d4c5caf7b43', 'statement', 'nato', null),
  },
];

const ALERT_COMMANDS: AlertReviewCommand[] = [
  { type: 'DismissAlert', alertId: ALERT, reason: 'attribution checked', reviewedBy: 'k1' },
  { type: 'ReopenAlert', alertId: ALERT, reason: 'new source', reviewedBy: 'k1' },
];

function everyEvent(): Array<[string, DomainEvent]> {
  return [
    ...play('actor-dmitry-peskov', actorDecider, ACTOR_COMMANDS),
    ...play(`source-${SRC}`, sourceDecider, SOURCE_COMMANDS),
    ...play('proposition-nato-threatens-russia', propositionDecider, PROPOSITION_COMMANDS),
    ...play(`statement-${S}`, statementDecider, STATEMENT_COMMANDS),
    ...play(`accusation-${A}`, accusationDecider, ACCUSATION_COMMANDS),
    ...play(`alert-${ALERT}`, alertReviewDecider, ALERT_COMMANDS),
  ];
}

describe('docs/asyncapi.yaml', () => {
  const events = everyEvent();

  it('the fixtures emit every domain event type, and the document has a message for each and no other', () => {
    expect(new Set(events.map(([, e]) => e.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
    // Besides the record's events: the alerts the read models announce (their own spec checks them).
    expect(Object.keys(doc.components.messages).sort()).toEqual(
      [...DOMAIN_EVENT_TYPES, 'AlertRaised', 'AlertCleared'].sort(),
    );
  });

  it.each(DOMAIN_EVENT_TYPES.map((type) => [type]))(
    '%s: data, headers and channel match the document',
    (type) => {
      const produced = events.filter(([, e]) => e.type === type);
      expect(produced.length).toBeGreaterThan(0);
      for (const [streamId, event] of produced) {
        const validateData = schema(type);
        expect({ valid: validateData(event.data), errors: validateData.errors }).toEqual({
          valid: true,
          errors: null,
        });

        const message = toCloudEvent({
          eventId: '9f8e7d6c-5b4a-4321-8fed-cba987654321',
          streamId,
          streamPosition: 1,
          globalPosition: 7,
          transactionId: '1234',
          type: event.type,
          schemaVersion: 1,
          data: event.data,
          metadata: { userId: 'key:abc', correlationId: 'c', causationId: 'r' },
          recordedAt: new Date('2024-07-11T10:00:00Z'),
          hash: '00',
        });
        const validateHeaders = schema('CloudEventHeaders');
        expect({ valid: validateHeaders(message.headers), errors: validateHeaders.errors }).toEqual(
          { valid: true, errors: null },
        );
        expect(JSON.parse(message.value as string)).toEqual(event.data);

        const channel = Object.values(
          doc.channels as Record<string, { address: string; messages: Record<string, unknown> }>,
        ).find((c) => c.address === message.topic);
        expect(channel).toBeDefined();
        expect(Object.keys(channel!.messages)).toContain(type);
        expect(message.topic).toBe(topicFor(streamCategory(streamId)));
      }
    },
  );

  it('rejects data that breaks the contract (the schemas are strict)', () => {
    const [, recorded] = events.find(([, e]) => e.type === 'StatementRecorded')!;
    const validate = schema('StatementRecorded');
    expect(validate({ ...(recorded.data as object), kind: 'boast' })).toBe(false);
    expect(
      validate({ ...(recorded.data as object), saidAt: { date: 'yesterday', precision: 'day' } }),
    ).toBe(false);
    expect(
      schema('AccusationMade')({
        accusationId: A,
        statementId: S,
        accuserId: 'nato',
        accusedIds: [],
        allegation: 'x',
      }),
    ).toBe(false);
    expect(schema('ActorAliasAdded')({ actorId: 'x', alias: 'y', extra: 1 })).toBe(false);
  });
});
