import type { Request, Response } from 'express';
import type { z } from 'zod';
import { HttpError } from './http-error.js';

function validationError(error: z.ZodError, where: string): HttpError {
  const summary = error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  return new HttpError(400, 'validation', `Invalid ${where}: ${summary}`, error.issues);
}

/** Parses the JSON body or throws a 400 `validation` error listing the zod issues. */
export function parseBody<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  const result = schema.safeParse(request.body ?? {});
  if (!result.success) throw validationError(result.error, 'request body');
  return result.data;
}

/** Parses the query string into `res.locals.query` (Express 5's `req.query` is read-only). */
export function parseQuery<S extends z.ZodType>(schema: S, request: Request, response: Response): z.output<S> {
  const result = schema.safeParse(request.query);
  if (!result.success) throw validationError(result.error, 'query string');
  response.locals.query = result.data;
  return result.data;
}

/** Parses route parameters (an unparseable id is the caller's 404 to decide). */
export function parseParams<S extends z.ZodType>(schema: S, request: Request): z.output<S> | null {
  const result = schema.safeParse(request.params);
  return result.success ? result.data : null;
}
