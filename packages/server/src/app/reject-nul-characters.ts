import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error.js';

/** Deeper than any request body we accept; deeper input is refused rather than walked. */
const MAX_DEPTH = 64;

/** The path of the first string (or object key) holding U+0000 in `value`, or null. */
export function findNulCharacter(value: unknown, path: Array<string | number> = [], depth = 0): Array<string | number> | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findNulCharacter(value[index], [...path, index], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNulCharacter(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Postgres text cannot hold U+0000 (error 22021): one check over every string of the parsed body
 * and the query, before any route, limiter key or store sees it, answers 400 naming the field.
 */
export function rejectNulCharacters(request: Request, _response: Response, next: NextFunction): void {
  for (const [where, value] of [['request body', request.body], ['query string', request.query]] as const) {
    const path = findNulCharacter(value);
    if (path) {
      const field = path.length ? path.join('.') : '(root)';
      next(
        new HttpError(400, 'validation', `Invalid ${where}: ${field}: must not contain the NUL character (U+0000)`, [
          { code: 'invalid_string', path, message: 'must not contain the NUL character (U+0000)' },
        ]),
      );
      return;
    }
  }
  next();
}
