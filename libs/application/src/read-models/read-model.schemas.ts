import { Type } from '@sinclair/typebox';
import { STANCES, STATEMENT_KINDS } from '@app/domain';
import { ACCUSATION_STATUSES, ALERT_STATES, ALERT_TYPES } from '@app/projections';
import { DateBasisSchema, StatementItemView } from '../statements/statement.schemas';
import {
  named,
  Nullable,
  OneOf,
  PageCursor,
  PageLimit,
  QueryString,
  Slug,
  Text,
  TimeParams,
} from '../shared/schema';

const time = TimeParams;
const Limit = PageLimit;

export const KnownAtQueryString = QueryString({
  knownAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'The record as it stood then, with its version at that time',
    }),
  ),
});
export const NoQueryString = QueryString({});
export const PositionsQueryString = QueryString({
  role: Type.Optional(
    OneOf(['principal', 'speaker'] as const, {
      description: 'principal (default): on whose behalf; speaker: who spoke',
    }),
  ),
  ...time,
});
export const TimeQueryString = QueryString(time);
export const RelationsQueryString = QueryString({
  direction: Type.Optional(OneOf(['outgoing', 'incoming'] as const)),
  granularity: Type.Optional(OneOf(['week', 'month'] as const)),
  from: Type.Optional(Type.String({ format: 'date', description: 'first bucket' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'last bucket' })),
  ...time,
});
export const TimelineQueryString = QueryString({
  kind: Type.Optional(OneOf(STATEMENT_KINDS)),
  targetId: Type.Optional(Slug),
  propositionId: Type.Optional(Slug),
  q: Type.Optional(
    Text(200, {
      description: 'full-text search over quotes and summaries: words, "phrases", -not',
    }),
  ),
  limit: Limit(500, 50),
  cursor: PageCursor,
  ...time,
});
export const AccusationGraphQueryString = QueryString({
  actorId: Type.Optional(Slug),
  status: Type.Optional(OneOf(ACCUSATION_STATUSES)),
  from: Type.Optional(Type.String({ format: 'date', description: 'said on or after' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'said on or before' })),
  limit: Type.Optional(
    Type.String({
      pattern: '^[0-9]+$',
      description:
        'allegations listed per edge, 0–500, default 50 (0: the counts alone, for drawing a big network)',
      examples: ['50'],
    }),
  ),
  ...time,
});
export const AlertsQueryString = QueryString({
  actorId: Type.Optional(
    Text(200, {
      description:
        'actor id, name or alias: alerts involving it in any role (subject, speaker, principal, target)',
    }),
  ),
  type: Type.Optional(OneOf(ALERT_TYPES)),
  state: Type.Optional(
    OneOf(ALERT_STATES, {
      description:
        'open or dismissed (by review; default: both), or cleared: raised once, its evidence since corrected, retracted or withdrawn',
    }),
  ),
  from: Type.Optional(Type.String({ format: 'date', description: 'counting from on or after' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'counting from on or before' })),
  limit: Limit(500, 100),
  cursor: PageCursor,
  ...time,
});

export const ReviewAlertBody = named(
  'ReviewAlert',
  Type.Object({ reason: Text(1000) }, { additionalProperties: false }),
);

const Evidence = Type.Object({
  statementId: Type.String(),
  stance: OneOf(STANCES),
  saidOn: Nullable(Type.String({ description: 'the date it counts from (see dateBasis)' })),
  dateBasis: DateBasisSchema,
  speakerId: Type.String(),
  principalId: Nullable(Type.String()),
  corrections: Type.Integer({ description: 'how often the statement had been corrected' }),
});
const Position = {
  currentStance: OneOf(STANCES),
  since: Nullable(Type.String()),
  counts: Type.Object({ supports: Type.Integer(), opposes: Type.Integer() }),
  shiftCount: Type.Integer(),
  shifts: Type.Array(
    Type.Object({
      saidOn: Nullable(Type.String()),
      dateBasis: DateBasisSchema,
      from: Nullable(OneOf(STANCES)),
      to: OneOf(STANCES),
      statementId: Type.String(),
      corrections: Type.Integer({ description: 'how often the statement had been corrected' }),
    }),
  ),
  evidence: Type.Array(Evidence),
};

export const ActorPositionsSchema = named(
  'ActorPositions',
  Type.Object({
    actorId: Type.String(),
    role: OneOf(['principal', 'speaker'] as const),
    positions: Type.Array(
      Type.Object({
        propositionId: Type.String(),
        proposition: Nullable(Type.String()),
        ...Position,
      }),
    ),
  }),
);
export const PropositionPositionsSchema = named(
  'PropositionPositions',
  Type.Object({
    propositionId: Type.String(),
    proposition: Nullable(Type.String()),
    positions: Type.Array(
      Type.Object({ actorId: Type.String(), name: Nullable(Type.String()), ...Position }),
    ),
  }),
);
export const RelationsSchema = named(
  'Relations',
  Type.Object({
    actorId: Type.String(),
    direction: OneOf(['outgoing', 'incoming'] as const),
    granularity: OneOf(['week', 'month'] as const),
    counterparts: Type.Array(
      Type.Object({
        actorId: Type.String(),
        name: Nullable(Type.String()),
        statements: Type.Integer(),
        meanGoldstein: Nullable(Type.Number()),
        series: Type.Array(
          Type.Object({
            bucket: Type.String(),
            statements: Type.Integer(),
            meanGoldstein: Nullable(Type.Number()),
            byKind: Type.Record(Type.String(), Type.Integer()),
            undated: Type.Integer({
              description:
                'statements here counted by the day reported or recorded (said date unknown)',
            }),
          }),
        ),
      }),
    ),
  }),
);
export const TimelineSchema = named(
  'Timeline',
  Type.Object({
    actorId: Type.String(),
    items: Type.Array(
      Type.Object({
        ...StatementItemView,
        role: Type.Array(OneOf(['speaker', 'principal', 'target'] as const)),
      }),
    ),
    nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page' })),
  }),
);
export const AccusationGraphSchema = named(
  'AccusationGraph',
  Type.Object({
    nodes: Type.Array(Type.Object({ actorId: Type.String(), name: Nullable(Type.String()) })),
    edges: Type.Array(
      Type.Object({
        accuserId: Type.String(),
        accusedId: Type.String(),
        accusations: Type.Integer(),
        byStatus: Type.Record(Type.String(), Type.Integer()),
        firstSaidOn: Nullable(Type.String()),
        lastSaidOn: Nullable(Type.String()),
        allegations: Type.Array(Type.Unknown()),
      }),
    ),
  }),
);
export const AlertSchema = named(
  'Alert',
  Type.Object({
    alertId: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'A hash of the evidence' }),
    type: OneOf(ALERT_TYPES),
    reason: Type.String(),
    actorId: Type.String({ description: 'The actor it is about' }),
    partyIds: Type.Array(Type.String(), {
      description:
        'Every actor involved: the subject and the evidence’s speakers, principals, targets',
    }),
    saidOn: Type.String({ description: 'The date the raising statement counts from' }),
    dateBasis: DateBasisSchema,
    evidence: Type.Array(Type.String(), { description: 'Oldest first; the last raised it' }),
    details: Type.Record(Type.String(), Type.Unknown()),
    state: OneOf(ALERT_STATES),
    raisedAt: Type.String({ format: 'date-time', description: 'When the record first showed it' }),
    clearedAt: Nullable(
      Type.String({ format: 'date-time', description: 'When a change took its evidence away' }),
    ),
    review: Type.Optional(Type.Unknown()),
    actions: Type.Array(
      Type.Object({
        action: Type.String(),
        method: Type.String(),
        href: Type.String(),
        hint: Type.Optional(Type.String()),
      }),
    ),
  }),
);
export const AlertsSchema = named(
  'Alerts',
  Type.Object({
    total: Type.Integer({ description: 'Alerts matching, before the limit' }),
    alerts: Type.Array(AlertSchema),
    nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page' })),
  }),
);
export const AlertReviewSchema = named(
  'AlertReview',
  Type.Object({
    alertId: Type.String(),
    state: OneOf(['dismissed', 'open'] as const),
    reason: Type.String(),
    version: Type.Integer(),
  }),
);

export const StreamQueryString = QueryString({
  actorId: Type.Optional(
    Text(200, {
      description:
        'actor id, name or alias: only changes involving it (any role; merged duplicates too)',
    }),
  ),
  lastEventId: Type.Optional(
    Text(50, {
      description:
        'resume after this event id (as the Last-Event-ID header does; the header wins). Default: from now on',
    }),
  ),
  timeout: Type.Optional(
    Type.String({
      pattern: '^[0-9]+$',
      examples: ['300'],
      description:
        '1–3600, default 300: ' +
        'close the stream after this many seconds (an EventSource reconnects with Last-Event-ID, so nothing is missed); keys are checked again on each connection',
    }),
  ),
});

/** One server-sent event of GET /stream, as documented (the wire format is text/event-stream). */
export const ChangeStreamSchema = named(
  'ChangeStream',
  Type.String({
    description:
      'text/event-stream. Each event: `id: <transaction>-<sequence>` (resume with Last-Event-ID), ' +
      '`event: <kind>` — statement.recorded | statement.corrected | statement.retracted | ' +
      'statement.withdrawn | accusation.opened | accusation.status-changed | alert.raised | ' +
      'alert.cleared — and `data:` one line of JSON {change (the kind again), at, actorIds, ' +
      '...what changed, href}. ' +
      'Comment lines (": …") keep the connection alive.',
  }),
);
