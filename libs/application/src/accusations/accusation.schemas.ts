import { Type } from '@sinclair/typebox';
import { RESPONSES } from '@app/domain';
import { ACCUSATION_STATUSES } from '@app/projections';
import {
  Body,
  Maybe,
  Nullable,
  OneOf,
  RecordHistorySchema,
  Slug,
  Text,
  Uuid,
  VersionedRecord,
} from '../shared/schema';

export const MakeAccusationBody = Body(
  'MakeAccusation',
  {
    statementId: Uuid,
    accusedIds: Maybe(
      Type.Array(Slug, { maxItems: 20, description: 'Default: the statement’s targets' }),
    ),
    allegation: Text(2000),
  },
  'An accusation made by a recorded statement of kind accusation',
);
export const RespondToAccusationBody = Body('RespondToAccusation', {
  statementId: Uuid,
  response: OneOf(RESPONSES),
});

export const AccusationViewSchema = VersionedRecord('Accusation', {
  accusationId: Uuid,
  statementId: Uuid,
  accuserId: Type.String(),
  accusedIds: Type.Array(Type.String()),
  allegation: Nullable(Type.String()),
  status: OneOf(ACCUSATION_STATUSES),
  derived: Type.Boolean({
    description:
      'True for an accusation the read model derived from a statement recorded before ' +
      'statements opened their own: no event on record yet (version 0). Responding records it.',
  }),
  responses: Type.Array(
    Type.Object({
      response: OneOf(RESPONSES),
      statementId: Uuid,
      respondentId: Type.String(),
    }),
  ),
});

export const AccusationHistorySchema = RecordHistorySchema('AccusationHistory', 'accusationId');
