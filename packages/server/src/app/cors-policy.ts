import type { NextFunction, Request, Response } from 'express';

const ALLOWED_METHODS = 'GET, POST, PATCH, DELETE';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Range';
const EXPOSED_HEADERS = 'Location, Retry-After, RateLimit, RateLimit-Policy, Idempotent-Replayed, Content-Range';

/**
 * CORS by allow-list: only an `Origin` in `origins` gets the CORS headers (and its preflight a 204).
 * Nothing is allowed by default, so a browser never lets another site's page read the API. Tokens
 * travel in the Authorization header, never cookies, so credentials mode is not enabled.
 */
export function corsPolicy(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (request: Request, response: Response, next: NextFunction): void => {
    const origin = request.get('origin');
    if (allowed.size === 0 || origin === undefined) return next();
    response.vary('Origin');
    if (!allowed.has(origin)) return next();
    response.setHeader('Access-Control-Allow-Origin', origin);
    response.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    if (request.method === 'OPTIONS' && request.get('access-control-request-method')) {
      response.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      response.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      response.setHeader('Access-Control-Max-Age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}
