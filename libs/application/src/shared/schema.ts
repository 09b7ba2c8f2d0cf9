/**
 * The building blocks of every request and response schema (TypeBox: JSON Schema with the
 * TypeScript type it describes). One definition per message: the api validates requests with
 * it at the edge and publishes it in /docs-json; handlers and views are typed from it.
 * The domain still decides what a value means (a real date, a known actor); these say its shape.
 */
import { Static, TObject, TProperties, TSchema, Type } from '@sinclair/typebox';

/** Schemas that /docs-json lists under components.schemas, by name. */
export const SCHEMA_REGISTRY = new Map<string, TSchema>();

/** A named schema: registered for the OpenAPI document, referred to there by name. */
export function named<T extends TSchema>(name: string, schema: T): T {
  const withId = { ...schema, $id: name } as T;
  SCHEMA_REGISTRY.set(name, withId);
  return withId;
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Optional, and null means "not given" (the domain treats both alike). */
export const Maybe = <T extends TSchema>(schema: T) => Type.Optional(Nullable(schema));

export const Slug = Type.String({
  pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
  maxLength: 100,
  description: 'lowercase letters, digits and single hyphens',
  examples: ['dmitry-peskov'],
});
export const Uuid = Type.String({ format: 'uuid' });
export const IsoDate = Type.String({ format: 'date', examples: ['2024-07-11'] });
export const Instant = Type.String({
  format: 'date-time',
  description: 'ISO 8601 date-time with a time zone',
});
export const Text = (maxLength: number, extra: Record<string, unknown> = {}) =>
  Type.String({ maxLength, ...extra });
export const OneOf = <T extends readonly string[]>(
  values: T,
  extra: Record<string, unknown> = {},
) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...extra });

/** A request body: an object with exactly these members. */
export const Body = <T extends TProperties>(name: string, properties: T, description?: string) =>
  named(
    name,
    Type.Object(properties, {
      additionalProperties: false,
      ...(description ? { description } : {}),
    }),
  );

/** A query string: these parameters and no others (each given once). */
export const QueryString = <T extends TProperties>(properties: T): TObject<T> =>
  Type.Object(properties, { additionalProperties: false });

/** A record as the API serves it, with its stream version (also its ETag). */
export const VersionedRecord = <T extends TProperties>(
  name: string,
  properties: T,
  description?: string,
) =>
  named(
    name,
    Type.Object(
      {
        ...properties,
        version: Type.Integer({ minimum: 1, description: 'Stream version (ETag)' }),
      },
      // Exactly these members: the contract test then catches a view that grew a field.
      { additionalProperties: false, ...(description ? { description } : {}) },
    ),
  );

/** RFC 9457 problem details: every error the API answers. */
export const Problem = named(
  'Problem',
  Type.Object(
    {
      type: Type.String({ description: 'urn:statement-tracker:problem:<code>, or about:blank' }),
      title: Type.String(),
      status: Type.Integer(),
      detail: Type.Optional(Type.String()),
      instance: Type.Optional(Type.String({ description: 'The request path' })),
      code: Type.Optional(Type.String({ description: 'The domain rule or check that refused it' })),
      field: Type.Optional(
        Type.String({ description: 'The input member at fault, as a JSON path (targetIds[1])' }),
      ),
    },
    { additionalProperties: true, description: 'RFC 9457 problem details (problem+json)' },
  ),
);

/** One event of a record's history. */
export const HistoryEntrySchema = Type.Object({
  eventId: Uuid,
  type: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  recordedAt: Instant,
  data: Type.Unknown({ description: 'The event data, as the domain defines it per type' }),
  metadata: Type.Unknown({ description: 'userId, correlationId, causationId' }),
});

export const RecordHistorySchema = (name: string, idMember: string) =>
  named(
    name,
    Type.Object({
      [idMember]: Type.String(),
      events: Type.Array(HistoryEntrySchema),
    }),
  );

/** Valid time and transaction time, on every read-model query. */
export const TimeParams = {
  asOf: Type.Optional(
    Type.String({ format: 'date', description: 'Only what had been said by then (valid time)' }),
  ),
  knownAt: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'The record as it stood then (transaction time)',
    }),
  ),
};

/** A page size parameter: digits, 1–max. */
export const PageLimit = (max: number, fallback: number, of = '') =>
  Type.Optional(
    Type.String({
      pattern: '^[0-9]+$',
      description: `${of}1–${max}, default ${fallback}`,
      examples: [String(fallback)],
    }),
  );

/** The cursor parameter of a paged list. */
export const PageCursor = Type.Optional(
  Text(500, { description: 'nextCursor of the previous page' }),
);

/** What every paged list answers besides its items. */
export const PageMembers = {
  total: Nullable(
    Type.Integer({ description: 'Matches in all, when counted exactly (else null)' }),
  ),
  totalEstimate: Type.Integer({ description: 'Matches in all: exact, or the planner’s estimate' }),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page' })),
};

export type { Static };
