import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { ServerSettings } from '../config/server-settings.js';
import { HttpError } from '../app/http-error.js';
import type { KnownLoginClients } from '../auth/known-login-clients.js';
import { normalizeEmail } from '../auth/normalize-email.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import { BatchedRateLimitStore } from './batched-rate-limit-store.js';
import { PostgresRateLimitStore } from './postgres-rate-limit-store.js';

export interface RateLimiters {
  /** Every API request, per client address (counted in memory, reconciled with Postgres in batches). */
  global: RequestHandler;
  /** `/auth/register` and `/auth/login`, per client address (stricter). */
  auth: RequestHandler;
  /**
   * Failed logins per account, whatever the address (successful logins do not count); a client
   * address that logged in to the account before is not held by it (decision 0010).
   */
  loginFailures: RequestHandler;
  /** Wrong current passwords on `POST /auth/password` per account (behind the token guard). */
  passwordFailures: RequestHandler;
  /** Stops the stores' timers (the global counts are reconciled one last time). */
  shutdown(): void;
}

function rejectWith(message: string) {
  return (request: Request, response: Response, next: NextFunction, options: Options): void => {
    const retryAfter = response.getHeader('Retry-After') ?? String(Math.ceil(options.windowMs / 1000));
    next(
      new HttpError(429, 'rate-limited', `${message}; retry in ${retryAfter} s`, undefined, {
        'Retry-After': String(retryAfter),
      }),
    );
  };
}

function loginEmail(request: Request): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? normalizeEmail(email).slice(0, 320) : '(no email)';
}

/** The limiters, each with its own key prefix on the shared Postgres counter table. */
export function createRateLimiters(
  database: ServerDatabase,
  settings: ServerSettings['rateLimits'],
  knownClients: KnownLoginClients,
  onError: (error: unknown) => void = () => undefined,
): RateLimiters {
  const globalStore = new BatchedRateLimitStore(database, {
    prefix: 'global:',
    flushIntervalMs: settings.flushIntervalMs,
    onError,
  });
  const stores = [
    new PostgresRateLimitStore(database, { prefix: 'auth:' }),
    new PostgresRateLimitStore(database, { prefix: 'login-failure:' }),
    new PostgresRateLimitStore(database, { prefix: 'password-failure:' }),
  ];
  const common = { standardHeaders: 'draft-7', legacyHeaders: false } as const;
  return {
    global: rateLimit({
      ...common,
      windowMs: settings.windowMs,
      limit: settings.limit,
      store: globalStore,
      handler: rejectWith('Too many requests from this client'),
    }),
    auth: rateLimit({
      ...common,
      windowMs: settings.authWindowMs,
      limit: settings.authLimit,
      store: stores[0],
      handler: rejectWith('Too many sign-up or login attempts from this client'),
    }),
    loginFailures: rateLimit({
      ...common,
      windowMs: settings.loginFailureWindowMs,
      limit: settings.loginFailureLimit,
      store: stores[1],
      skipSuccessfulRequests: true,
      keyGenerator: loginEmail,
      skip: (request) => knownClients.isKnown(loginEmail(request), request.ip),
      handler: rejectWith('Too many failed logins for this account'),
    }),
    passwordFailures: rateLimit({
      ...common,
      windowMs: settings.loginFailureWindowMs,
      limit: settings.loginFailureLimit,
      store: stores[2],
      // Only a wrong current password counts (a weak new one is a 400, not a guess).
      requestWasSuccessful: (_request, response) => response.statusCode !== 401,
      skipSuccessfulRequests: true,
      keyGenerator: (_request, response) =>
        String((response.locals.user as { id?: string } | undefined)?.id ?? '(no user)'),
      handler: rejectWith('Too many wrong current passwords for this account'),
    }),
    shutdown() {
      for (const store of stores) store.shutdown();
      void globalStore.shutdown();
    },
  };
}
