import type { NextFunction, Request, Response } from 'express';
import { LooplyError } from '@looply/core';
import { z } from 'zod';
import { HttpError } from './http-error.js';

/** Engine error codes → HTTP status. Anything unknown is a 500. */
const LOOPLY_ERROR_STATUS: Record<string, number> = {
  validation: 400,
  'provider-not-registered': 400,
  'not-found': 404,
  'webhook-not-supported': 404,
  conflict: 409,
  'idempotency-conflict': 422,
  'engine-not-started': 503,
  'engine-stopped': 503,
};

/** body-parser's error types (`error.type`) → our codes. */
const BODY_PARSER_ERRORS: Record<
  string,
  { status: number; code: string; message: (error: BodyParserError) => string }
> = {
  'entity.parse.failed': { status: 400, code: 'malformed-json', message: () => 'The request body is not valid JSON' },
  'entity.too.large': {
    status: 413,
    code: 'payload-too-large',
    message: (error) => `The request body is larger than the ${error.limit ?? 'allowed'} bytes this route accepts`,
  },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported-encoding',
    message: () => 'The request body encoding is not supported',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported-charset',
    message: () => 'The request body charset is not supported',
  },
  'request.aborted': { status: 400, code: 'request-aborted', message: () => 'The client aborted the request body' },
};

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Turns whatever was thrown into an HttpError (the one place that knows every error type). */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof LooplyError) {
    const status = LOOPLY_ERROR_STATUS[error.code];
    if (status)
      return new HttpError(status, error.code, error.message, error.code === 'validation' ? error.details : undefined);
  }
  if (error instanceof z.ZodError) {
    return new HttpError(
      400,
      'validation',
      error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
      error.issues,
    );
  }
  const bodyError = error as BodyParserError;
  if (bodyError && typeof bodyError.type === 'string' && BODY_PARSER_ERRORS[bodyError.type]) {
    const known = BODY_PARSER_ERRORS[bodyError.type];
    return new HttpError(known.status, known.code, known.message(bodyError));
  }
  const clientError = fromClientInputError(error);
  if (clientError) return clientError;
  return new HttpError(500, 'internal', 'Something went wrong on our side; the request id identifies it in the logs');
}

/**
 * Errors Node or Express raise on what the client sent, which reach us as plain errors: a path with
 * malformed percent-encoding (URIError from decoding a route parameter), a body whose
 * Content-Encoding does not match its bytes (zlib), and any other http-errors error with a 4xx
 * status that is safe to expose.
 */
function fromClientInputError(error: unknown): HttpError | null {
  if (error instanceof URIError)
    return new HttpError(400, 'malformed-url', 'The URL path has malformed percent-encoding');
  const candidate = error as { code?: unknown; status?: unknown; expose?: unknown; message?: unknown } | null;
  if (!candidate || typeof candidate !== 'object') return null;
  if (typeof candidate.code === 'string' && /^Z_[A-Z_]+$/.test(candidate.code)) {
    return new HttpError(400, 'malformed-body', 'The request body does not decode with its Content-Encoding');
  }
  if (
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500 &&
    candidate.expose === true
  ) {
    return new HttpError(
      candidate.status,
      'bad-request',
      typeof candidate.message === 'string' ? candidate.message : 'Bad request',
    );
  }
  return null;
}

/** The error-converter middleware: normalises the error, keeps the original for the log. */
export function errorConverter(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  const converted = toHttpError(error);
  if (converted.status >= 500 && converted !== error) response.locals.originalError = error;
  next(converted);
}
