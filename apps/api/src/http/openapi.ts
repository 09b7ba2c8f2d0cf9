/**
 * What a route takes and answers, declared once: the same schema validates the request (see
 * validation.ts) and describes the route in /docs-json, with every error it can answer.
 */
import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  OpenAPIObject,
} from '@nestjs/swagger';
import type { TObject, TSchema } from '@sinclair/typebox';
import { BODY_SCHEMA, QUERY_SCHEMA } from './validation';

/** A JSON reference to a named schema (registered with `named()`), else the schema inline. */
export function ref(schema: TSchema): Record<string, unknown> {
  return schema.$id
    ? { $ref: `#/components/schemas/${schema.$id}` }
    : (JSON.parse(JSON.stringify(schema)) as Record<string, unknown>);
}

const ERROR_TEXT: Record<number, string> = {
  300: 'The name given is an alias of several actors: the problem lists them (candidates)',
  400: 'Bad input (names the member); nothing was written',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key’s role may not do this',
  404: 'Not found',
  409: 'Conflicts with the record (If-Match, or its state)',
  422: 'Breaks a rule of the record (e.g. refers to what is not on record)',
  429: 'Too many requests (Retry-After)',
  503: 'The database is saturated or unreachable (Retry-After); nothing was written',
};
const problem = (status: number) =>
  ApiResponse({
    status,
    description: ERROR_TEXT[status],
    content: {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    },
  });

/** A route's summary, its success answer and the errors it can answer besides the usual ones. */
export function Responds(
  summary: string,
  status: number,
  schema: TSchema | null,
  options: {
    errors?: number[];
    public?: boolean;
    description?: string;
    /** Answers 304 to an If-None-Match that holds its ETag. */
    conditional?: boolean;
    /** Other success statuses with the same body (200 for a source already on record). */
    also?: number[];
    /** The success body's media type, or types (default application/json). */
    mediaType?: string | string[];
  } = {},
) {
  const usual = options.public ? [400, 503] : [400, 401, 403, 429, 503];
  const errors = [...new Set([...usual, ...(options.errors ?? [])])].sort();
  return applyDecorators(
    ApiOperation({
      summary,
      ...(options.description ? { description: options.description } : {}),
      // Public routes need no key: no security requirement.
      ...(options.public ? { security: [] } : {}),
    }),
    ...[status, ...(options.also ?? [])].map((code) =>
      ApiResponse({
        status: code,
        description: code === 204 ? 'Done; no content' : code === 201 ? 'Created' : 'Success',
        ...(schema
          ? {
              content: Object.fromEntries(
                [options.mediaType ?? 'application/json']
                  .flat()
                  .map((type) => [type, { schema: ref(schema) }]),
              ),
            }
          : {}),
      }),
    ),
    ...(options.conditional
      ? [
          ApiResponse({
            status: 304,
            description: 'Not modified: your If-None-Match holds its ETag',
          }),
        ]
      : []),
    ...errors.map(problem),
  );
}

/** The request body: validated against `schema` at the edge, and documented. */
export const Takes = (schema: TSchema) =>
  applyDecorators(SetMetadata(BODY_SCHEMA, schema), ApiBody({ schema: ref(schema) }));

/** The query string: these parameters (validated, documented) and no others. */
export function Reads(schema: TObject) {
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    SetMetadata(QUERY_SCHEMA, schema),
    ...Object.entries(schema.properties).map(([name, property]) => {
      const { description, ...typed } = JSON.parse(JSON.stringify(property)) as {
        description?: string;
      };
      return ApiQuery({ name, required: required.has(name), description, schema: typed });
    }),
  );
}

/** A POST that a retry with the same Idempotency-Key answers from its first result. */
export const Idempotent = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe POST: the same key returns the first result',
  });

/** A change checked against the version the client last read. */
export const IfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description: 'The version you last read (ETag); 409 if it moved on',
  });

/**
 * The finished document: every named schema under components.schemas (nested named schemas
 * become references), OpenAPI 3.1 (JSON Schema: a nullable member is a union with null), and
 * the API key schemes as what they are.
 */
export function completeDocument(
  document: OpenAPIObject,
  schemas: Map<string, TSchema>,
): OpenAPIObject {
  const components: Record<string, unknown> = {};
  for (const [name, schema] of schemas) components[name] = referencing(schema, true);
  return {
    ...document,
    openapi: '3.1.0',
    components: {
      ...document.components,
      schemas: components,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'st_<key id>_<secret>',
          description: 'An API key (not a JWT): Authorization: Bearer st_<key id>_<secret>',
        },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'The same API key in a header of its own',
        },
      },
    },
    security: [{ bearer: [] }, { apiKey: [] }],
  } as OpenAPIObject;
}

/** A schema as JSON, its nested named schemas replaced by references to them. */
function referencing(schema: unknown, root = false): unknown {
  if (Array.isArray(schema)) return schema.map((item) => referencing(item));
  if (typeof schema !== 'object' || schema === null) return schema;
  const id = (schema as { $id?: string }).$id;
  if (id && !root) return { $ref: `#/components/schemas/${id}` };
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== '$id')
      .map(([key, value]) => [key, referencing(value)]),
  );
}
