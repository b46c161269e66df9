import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { ServerSettings } from '../config/server-settings.js';
import { HttpError } from '../app/http-error.js';
import { normalizeEmail } from '../auth/normalize-email.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import { PostgresRateLimitStore } from './postgres-rate-limit-store.js';

export interface RateLimiters {
  /** Every API request, per client address. */
  global: RequestHandler;
  /** `/auth/register` and `/auth/login`, per client address (stricter). */
  auth: RequestHandler;
  /** Failed logins per account, whatever the address (successful logins do not count). */
  loginFailures: RequestHandler;
  /** Stops the stores' cleanup timers. */
  shutdown(): void;
}

function rejectWith(message: string) {
  return (request: Request, response: Response, next: NextFunction, options: Options): void => {
    const retryAfter = response.getHeader('Retry-After') ?? String(Math.ceil(options.windowMs / 1000));
    next(new HttpError(429, 'rate-limited', `${message}; retry in ${retryAfter} s`, undefined, { 'Retry-After': String(retryAfter) }));
  };
}

/** The three limiters, each with its own key prefix on the shared Postgres counter table. */
export function createRateLimiters(database: ServerDatabase, settings: ServerSettings['rateLimits']): RateLimiters {
  const stores = [
    new PostgresRateLimitStore(database, { prefix: 'global:' }),
    new PostgresRateLimitStore(database, { prefix: 'auth:' }),
    new PostgresRateLimitStore(database, { prefix: 'login-failure:' }),
  ];
  const common = { standardHeaders: 'draft-7', legacyHeaders: false } as const;
  return {
    global: rateLimit({
      ...common,
      windowMs: settings.windowMs,
      limit: settings.limit,
      store: stores[0],
      handler: rejectWith('Too many requests from this client'),
    }),
    auth: rateLimit({
      ...common,
      windowMs: settings.authWindowMs,
      limit: settings.authLimit,
      store: stores[1],
      handler: rejectWith('Too many sign-up or login attempts from this client'),
    }),
    loginFailures: rateLimit({
      ...common,
      windowMs: settings.loginFailureWindowMs,
      limit: settings.loginFailureLimit,
      store: stores[2],
      skipSuccessfulRequests: true,
      keyGenerator: (request) => {
        const email = (request.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? normalizeEmail(email).slice(0, 320) : '(no email)';
      },
      handler: rejectWith('Too many failed logins for this account'),
    }),
    shutdown() {
      for (const store of stores) store.shutdown();
    },
  };
}
