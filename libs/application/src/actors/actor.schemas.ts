import { Type } from '@sinclair/typebox';
import { ACTOR_KINDS } from '@app/domain';
import {
  Body,
  IsoDate,
  Maybe,
  named,
  Nullable,
  OneOf,
  PageCursor,
  PageLimit,
  PageMembers,
  QueryString,
  RecordHistorySchema,
  Slug,
  Text,
  VersionedRecord,
} from '../shared/schema';

const actorMembers = {
  actorId: Slug,
  name: Text(200, { examples: ['Dmitry Peskov'] }),
  kind: OneOf(ACTOR_KINDS),
  aliases: Maybe(Type.Array(Text(200), { maxItems: 50, examples: [['Peskov']] })),
  wikidataId: Maybe(Type.String({ pattern: '^Q[1-9][0-9]*$', examples: ['Q1385'] })),
  countryCode: Maybe(Type.String({ pattern: '^[A-Z]{2}$', examples: ['RU'] })),
};

export const RegisterActorBody = Body(
  'RegisterActor',
  actorMembers,
  'An actor under a slug you choose',
);
/** An actor registered along with a command that names it (`newActors`). */
export const NewActor = named(
  'NewActor',
  Type.Object(actorMembers, { additionalProperties: false }),
);
export const NewActors = Maybe(
  Type.Array(NewActor, {
    maxItems: 20,
    description: 'Actors the request names that are not on record yet, registered with it',
  }),
);
export const AddAliasBody = Body('AddAlias', { alias: Text(200) });
export const AddAffiliationBody = Body('AddAffiliation', {
  affiliationId: Slug,
  organisationId: Slug,
  role: Text(200, { examples: ['spokesman'] }),
  from: Maybe(IsoDate),
  to: Maybe(IsoDate),
});
export const EndAffiliationBody = Body('EndAffiliation', { to: IsoDate });
export const MergeActorBody = Body('MergeActor', { into: Slug, reason: Text(1000) });

export const AffiliationSchema = Type.Object({
  affiliationId: Type.String(),
  organisationId: Type.String(),
  role: Type.String(),
  from: Nullable(IsoDate),
  to: Nullable(IsoDate),
});

export const ActorViewSchema = VersionedRecord('Actor', {
  actorId: Type.String(),
  name: Type.String(),
  kind: OneOf(ACTOR_KINDS),
  aliases: Type.Array(Type.String()),
  wikidataId: Nullable(Type.String()),
  countryCode: Nullable(Type.String()),
  affiliations: Type.Array(AffiliationSchema),
  mergedInto: Nullable(Type.String({ description: 'The actor it was merged into' })),
});

export const ActorHistorySchema = RecordHistorySchema('ActorHistory', 'actorId');

export const ActorSearchQueryString = QueryString({
  q: Type.Optional(
    Text(200, {
      description:
        'name or alias: case, accents and punctuation ignored; exact, prefix, word prefix and near spellings, best first',
      examples: ['beij'],
    }),
  ),
  kind: Type.Optional(OneOf(ACTOR_KINDS)),
  country: Type.Optional(
    Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 code' }),
  ),
  limit: PageLimit(200, 20),
  cursor: PageCursor,
});

export const ActorSearchSchema = named(
  'ActorSearch',
  Type.Object({
    items: Type.Array(
      Type.Object({
        actorId: Type.String(),
        name: Type.String(),
        kind: OneOf(ACTOR_KINDS),
        aliases: Type.Array(Type.String()),
        countryCode: Nullable(Type.String()),
        score: Nullable(
          Type.Integer({
            description:
              '100 exact, 90 prefix, 80 word prefix, 50–70 near spelling; null without q',
          }),
        ),
        statements: Type.Object({
          asSpeaker: Type.Integer(),
          asPrincipal: Type.Integer(),
          asTarget: Type.Integer(),
        }),
      }),
    ),
    ...PageMembers,
  }),
);
