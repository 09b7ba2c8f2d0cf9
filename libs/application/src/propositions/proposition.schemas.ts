import { Type } from '@sinclair/typebox';
import {
  Body,
  Maybe,
  named,
  PageCursor,
  PageLimit,
  PageMembers,
  QueryString,
  RecordHistorySchema,
  Slug,
  Text,
  VersionedRecord,
} from '../shared/schema';

export const DefinePropositionBody = Body(
  'DefineProposition',
  {
    propositionId: Slug,
    text: Text(500, { examples: ['NATO should admit Ukraine'] }),
    tags: Maybe(Type.Array(Slug, { maxItems: 20 })),
  },
  'A claim that statements can support or oppose',
);
export const RewordPropositionBody = Body('RewordProposition', {
  text: Text(500),
  reason: Text(1000),
});

export const PropositionViewSchema = VersionedRecord('Proposition', {
  propositionId: Type.String(),
  text: Type.String(),
  tags: Type.Array(Type.String()),
});

export const PropositionHistorySchema = RecordHistorySchema('PropositionHistory', 'propositionId');

export const PropositionListQueryString = QueryString({
  q: Type.Optional(
    Text(200, { description: 'words of its id, wording or tags (each a word prefix)' }),
  ),
  limit: PageLimit(200, 50),
  cursor: PageCursor,
});

export const PropositionListSchema = named(
  'PropositionList',
  Type.Object({
    items: Type.Array(
      Type.Object({
        propositionId: Type.String(),
        text: Type.String(),
        tags: Type.Array(Type.String()),
        stances: Type.Integer({ description: 'stances on record' }),
        actors: Type.Integer({ description: 'actors that took them' }),
      }),
    ),
    ...PageMembers,
  }),
);
