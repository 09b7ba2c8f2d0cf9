/**
 * JSON Schemas of the request bodies, for the OpenAPI document. The domain checks every
 * value again (these describe; they do not validate).
 */
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  ACTOR_KINDS,
  PRECISIONS,
  STANCES,
  STATEMENT_KINDS,
  WITHDRAWAL_REASONS,
  RESPONSES,
} from '@app/domain';
import { ROLES } from '@app/access';

const slug: SchemaObject = {
  type: 'string',
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  maxLength: 100,
  example: 'dmitry-peskov',
};
const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const date: SchemaObject = { type: 'string', format: 'date', example: '2024-07-11' };
const span: SchemaObject = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 1 } },
};
const stances: SchemaObject = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    required: ['propositionId', 'stance'],
    properties: { propositionId: slug, stance: { type: 'string', enum: [...STANCES] } },
  },
};
const saidAt: SchemaObject = {
  type: 'object',
  required: ['precision'],
  description: 'Valid time: YYYY-MM-DD (day), YYYY-MM (month) or null (unknown)',
  properties: {
    date: { type: 'string', nullable: true, example: '2024-07-11' },
    precision: { type: 'string', enum: [...PRECISIONS] },
  },
};
const actor: SchemaObject = {
  type: 'object',
  required: ['actorId', 'name', 'kind'],
  properties: {
    actorId: slug,
    name: { type: 'string', maxLength: 200, example: 'Dmitry Peskov' },
    kind: { type: 'string', enum: [...ACTOR_KINDS] },
    aliases: {
      type: 'array',
      maxItems: 50,
      items: { type: 'string', maxLength: 200 },
      example: ['Peskov'],
    },
    wikidataId: { type: 'string', pattern: '^Q[1-9][0-9]*$', example: 'Q1385' },
    countryCode: { type: 'string', pattern: '^[A-Z]{2}$', example: 'RU' },
  },
};
const content = {
  speakerId: { ...slug, description: 'Who spoke' },
  principalId: {
    ...slug,
    nullable: true,
    description: 'On whose behalf (null: for themselves)',
    example: 'russia',
  },
  kind: { type: 'string', enum: [...STATEMENT_KINDS] },
  cameo: {
    type: 'string',
    description: 'A CAMEO code of the kind’s family (e.g. 138 for a military threat)',
    example: '130',
  },
  targetIds: { type: 'array', maxItems: 20, items: slug, example: ['nato'] },
  quote: { type: 'string', maxLength: 5000, nullable: true },
  summary: { type: 'string', maxLength: 2000, nullable: true },
  saidAt,
  confidence: { type: 'number', minimum: 0, maximum: 1, default: 1 },
  stances,
} satisfies Record<string, SchemaObject>;

export const SCHEMAS: Record<string, SchemaObject> = {
  registerActor: actor,
  addAlias: {
    type: 'object',
    required: ['alias'],
    properties: { alias: { type: 'string', maxLength: 200 } },
  },
  addAffiliation: {
    type: 'object',
    required: ['affiliationId', 'organisationId', 'role'],
    properties: {
      affiliationId: slug,
      organisationId: slug,
      role: { type: 'string', example: 'spokesman' },
      from: date,
      to: date,
    },
  },
  endAffiliation: { type: 'object', required: ['to'], properties: { to: date } },
  mergeActor: {
    type: 'object',
    required: ['into', 'reason'],
    properties: { into: slug, reason: { type: 'string', maxLength: 1000 } },
  },
  registerSource: {
    type: 'object',
    description: 'A url or the text (or both); the SHA-256 of the text is computed by the service',
    properties: {
      url: { type: 'string', format: 'uri', maxLength: 2000 },
      publisher: { type: 'string', maxLength: 200 },
      title: { type: 'string', maxLength: 500 },
      publishedAt: { type: 'string', format: 'date-time' },
      text: { type: 'string', maxLength: 200000 },
      extract: {
        type: 'boolean',
        default: true,
        description:
          'With text: propose the statements the extractor finds (GET /sources/{id}/candidates)',
      },
    },
  },
  acceptCandidate: {
    type: 'object',
    additionalProperties: false,
    properties: {
      changes: {
        type: 'object',
        additionalProperties: false,
        description: 'Edits to the candidate before it is recorded',
        properties: {
          speakerId: { type: 'string' },
          principalId: { type: 'string', nullable: true },
          kind: { type: 'string' },
          targetIds: { type: 'array', items: { type: 'string' } },
          quote: { type: 'string', nullable: true },
          summary: { type: 'string', nullable: true },
          saidAt: {
            type: 'object',
            properties: {
              date: { type: 'string', nullable: true },
              precision: { enum: ['day', 'month', 'unknown'] },
            },
          },
        },
      },
      newActors: {
        type: 'array',
        maxItems: 20,
        description: 'Actors the candidate names that are not on record, registered with it',
        items: { type: 'object' },
      },
    },
  },
  rejectCandidate: {
    type: 'object',
    required: ['reason'],
    additionalProperties: false,
    properties: { reason: { type: 'string', maxLength: 1000 } },
  },
  recordStatement: {
    type: 'object',
    required: ['speakerId', 'kind', 'saidAt', 'source'],
    properties: {
      ...content,
      source: {
        type: 'object',
        required: ['sourceId'],
        properties: { sourceId: uuid, span, reportedAt: { type: 'string', format: 'date-time' } },
      },
      provenance: {
        type: 'object',
        properties: {
          method: { type: 'string', enum: ['manual', 'extractor'] },
          extractor: { type: 'string' },
          version: { type: 'string' },
        },
      },
      newActors: {
        type: 'array',
        maxItems: 20,
        items: actor,
        description: 'Actors this statement names that are not on record yet',
      },
    },
  },
  correctStatement: {
    type: 'object',
    required: ['changes', 'reason'],
    properties: {
      changes: { type: 'object', properties: content, description: 'Only the fields to change' },
      reason: { type: 'string', maxLength: 1000 },
    },
  },
  retractStatement: {
    type: 'object',
    required: ['retractedOn', 'sourceId'],
    properties: { retractedOn: date, sourceId: uuid, note: { type: 'string' } },
  },
  withdrawStatement: {
    type: 'object',
    required: ['reason'],
    properties: {
      reason: { type: 'string', enum: [...WITHDRAWAL_REASONS] },
      note: { type: 'string' },
      duplicateOf: uuid,
    },
  },
  addMention: {
    type: 'object',
    required: ['sourceId'],
    properties: { sourceId: uuid, span, reportedAt: { type: 'string', format: 'date-time' } },
  },
  takeStance: stances.items as SchemaObject,
  makeAccusation: {
    type: 'object',
    required: ['statementId', 'allegation'],
    properties: {
      statementId: uuid,
      accusedIds: { type: 'array', items: slug, description: 'Default: the statement’s targets' },
      allegation: { type: 'string', maxLength: 2000 },
    },
  },
  respondToAccusation: {
    type: 'object',
    required: ['statementId', 'response'],
    properties: { statementId: uuid, response: { type: 'string', enum: [...RESPONSES] } },
  },
  defineProposition: {
    type: 'object',
    required: ['propositionId', 'text'],
    properties: {
      propositionId: slug,
      text: { type: 'string', maxLength: 500 },
      tags: { type: 'array', items: slug },
    },
  },
  rewordProposition: {
    type: 'object',
    required: ['text', 'reason'],
    properties: { text: { type: 'string', maxLength: 500 }, reason: { type: 'string' } },
  },
  createKey: {
    type: 'object',
    required: ['name', 'role'],
    properties: { name: { type: 'string' }, role: { type: 'string', enum: [...ROLES] } },
  },
};
