import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** A POST that a retry with the same Idempotency-Key answers from its first result. */
export const Idempotent = () =>
  ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retry-safe POST: the same key returns the first result',
  });

/** A change checked against the version the client last read. */
export const IfMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The version you last read (ETag); 409 if it moved on',
    }),
  );
