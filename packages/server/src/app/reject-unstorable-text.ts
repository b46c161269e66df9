import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-error.js';

/** Deeper than any stored field (the schemas refuse such bodies anyway): not walked, so depth costs nothing. */
const MAX_DEPTH = 64;

/** Postgres text and jsonb hold neither U+0000 nor an unpaired UTF-16 surrogate (`"\ud800"` in JSON). */
function unstorable(text: string): boolean {
  // With the u flag a pair is one code point, so \p{Cs} matches only an unpaired surrogate.
  return text.includes('\u0000') || /\p{Cs}/u.test(text);
}

/** The path of the first string (or object key) Postgres cannot store in `value`, or null. */
export function findUnstorableText(
  value: unknown,
  path: Array<string | number> = [],
  depth = 0,
): Array<string | number> | null {
  if (typeof value === 'string') return unstorable(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnstorableText(value[index], [...path, index], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, child] of Object.entries(value)) {
    if (unstorable(key)) return [...path, key];
    const found = findUnstorableText(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Postgres text cannot hold U+0000 (error 22021), nor jsonb an unpaired surrogate (22P05): one check
 * over every string of the parsed body and the query, before any route, limiter key or store sees
 * it, answers 400 naming the field.
 */
export function rejectUnstorableText(request: Request, _response: Response, next: NextFunction): void {
  for (const [where, value] of [
    ['request body', request.body],
    ['query string', request.query],
  ] as const) {
    const path = findUnstorableText(value);
    if (path) {
      const field = path.length ? path.join('.') : '(root)';
      next(
        new HttpError(
          400,
          'validation',
          `Invalid ${where}: ${field}: must not contain the NUL character (U+0000) or an unpaired surrogate`,
          [
            {
              code: 'invalid_string',
              path,
              message: 'must not contain the NUL character (U+0000) or an unpaired surrogate',
            },
          ],
        ),
      );
      return;
    }
  }
  next();
}
