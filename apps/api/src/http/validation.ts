/**
 * Requests are checked at the edge against the one schema that also documents them: a route
 * declares its body (`@Takes`) and query string (`@Reads`); anything else in a query string is
 * a 400, as is a body of the wrong shape. Problems name the member at fault in the domain's
 * words, so a client sees the same messages whether the edge or a decider refused.
 */
import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TSchema, Type } from '@sinclair/typebox';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { invalid } from '@app/domain';

export const BODY_SCHEMA = 'st:body-schema';
export const QUERY_SCHEMA = 'st:query-schema';

const ajv = addFormats(new Ajv({ allErrors: false, strict: false }));
const compiled = new WeakMap<TSchema, ValidateFunction>();

function validator(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(JSON.parse(JSON.stringify(withoutIds(schema))));
    compiled.set(schema, validate);
  }
  return validate;
}

/** Nested named schemas carry an $id; compiled here they are plain sub-schemas. */
function withoutIds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutIds);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== '$id')
      .map(([key, value]) => [key, withoutIds(value)]),
  );
}

/** "/targetIds/1" → "targetIds[1]"; "/source/sourceId" → "source.sourceId". */
export function fieldOf(instancePath: string, member?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (member !== undefined) parts.push(member);
  return parts
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
      '',
    );
}

/** One ajv error in the domain's words (see libs/domain/src/shared/values.ts). */
function problemOf(error: ErrorObject, where: 'body' | 'query'): Error {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const name = String(params.additionalProperty).slice(0, 100);
    const field = fieldOf(error.instancePath, name);
    const allowed = Object.keys(
      (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
    );
    return new BadRequestException({
      message:
        where === 'body'
          ? `unknown field "${field}"`
          : `unknown query parameter "${name}" (${
              allowed.length === 0 ? 'this endpoint takes none' : `allowed: ${allowed.join(', ')}`
            })`,
      field,
    });
  }
  if (error.keyword === 'required') {
    const field = fieldOf(error.instancePath, String(params.missingProperty));
    return invalid(field, `${field} is required`);
  }
  const field = fieldOf(error.instancePath);
  if (field === '')
    return new BadRequestException(
      where === 'body' ? 'the request body must be a JSON object' : 'bad query string',
    );
  const schema = error.parentSchema as Record<string, unknown> | undefined;
  switch (error.keyword) {
    case 'type':
      return invalid(field, `${field} must be ${article(String(params.type))}`);
    case 'enum':
      return invalid(
        field,
        `${field} must be one of ${(params.allowedValues as string[]).join(', ')}`,
      );
    case 'maxLength':
      return invalid(field, `${field} must be at most ${String(params.limit)} characters`);
    case 'maxItems':
      return invalid(field, `${field} takes at most ${String(params.limit)} items`);
    case 'minimum':
    case 'maximum':
      return invalid(
        field,
        `${field} must be a number from ${String(schema?.minimum ?? '-∞')} to ${String(schema?.maximum ?? '∞')}`,
      );
    case 'format':
      return invalid(
        field,
        `${field} must be ${FORMATS[String(params.format)] ?? `a ${String(params.format)}`}`,
      );
    case 'pattern':
      return invalid(
        field,
        schema?.description
          ? `${field} must be ${String(schema.description)}`
          : `${field} does not match ${String(params.pattern)}`,
      );
    default:
      return invalid(field, `${field} ${error.message ?? 'is not valid'}`);
  }
}

const FORMATS: Record<string, string> = {
  uuid: 'a UUID',
  date: 'a date YYYY-MM-DD',
  'date-time': 'an ISO 8601 date-time with a time zone',
  uri: 'a URL',
};

function article(type: string): string {
  const named: Record<string, string> = {
    array: 'a list',
    object: 'an object',
    integer: 'an integer',
    string: 'a string',
    number: 'a number',
    boolean: 'true or false',
  };
  return type
    .split(',')
    .map((t) => named[t] ?? t)
    .join(' or ');
}

/** Checks a value against a schema; throws the first problem (4xx naming the member). */
export function check(schema: TSchema, value: unknown, where: 'body' | 'query'): void {
  const validate = validator(schema);
  if (validate(value)) return;
  // Unions (a value or null) report each branch; the first branch's error says the most.
  throw problemOf(validate.errors![0], where);
}

/** A repeated query parameter arrives as a list: refused before the schema sees it. */
function singleValued(query: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(query))
    if (typeof value !== 'string')
      throw invalid(
        name.slice(0, 100),
        `${name.slice(0, 100)} must be given once, as a plain value`,
      );
}

const NO_PARAMETERS = Type.Object({}, { additionalProperties: false });

@Injectable()
export class SchemaValidationInterceptor implements NestInterceptor {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const handler = context.getHandler();
    const query = request.query as Record<string, unknown>;
    singleValued(query);
    check(this.reflector.get<TSchema>(QUERY_SCHEMA, handler) ?? NO_PARAMETERS, query, 'query');
    const body = this.reflector.get<TSchema>(BODY_SCHEMA, handler);
    if (body) check(body, request.body, 'body');
    return next.handle();
  }
}
