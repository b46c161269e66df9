import { join } from 'node:path';
import type Logger from 'bunyan';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { studioContentSecurityPolicy } from './studio-content-policy.js';
import { findStudioRoot, isStudioBuilt } from './studio-root.js';

/** Paths the studio never answers: the API, its documentation and the OpenAPI document stay 404 when unknown. */
const NOT_STUDIO = /^\/(api(\/|$)|docs(\/|$)|openapi\.json$)/;

/** Browsers navigating send `text/html`; API clients (and a missing Accept) keep the JSON 404. */
function acceptsHtml(request: Request): boolean {
  return (request.get('accept') ?? '').includes('text/html');
}

function withStudioPolicy(response: Response): void {
  response.setHeader('Content-Security-Policy', response.locals.studioPolicy as string);
}

/**
 * Serves the built studio (`@looply/web`) at `/`: hashed assets for a year, `index.html` never cached,
 * and the SPA fallback (any other GET that accepts HTML gets `index.html`), except under `/api`, `/docs`
 * and `/openapi.json`. When the studio is not built, `/` says how to build it.
 */
export function mountStudio(
  app: Express,
  configured: string | null | undefined,
  logger: Logger,
  /** The origin of the artifact store's signed URLs (null: none), which the studio's policy allows media from. */
  signedMediaOrigin: Promise<string | null>,
): void {
  const root = findStudioRoot(configured);
  if (root === null) return;
  const policy = signedMediaOrigin.then(studioContentSecurityPolicy);
  app.use((_request, response, next) => {
    policy.then((value) => {
      response.locals.studioPolicy = value;
      next();
    }, next);
  });
  const built = isStudioBuilt(root);
  if (!built)
    logger.warn(
      { root },
      'the studio is not built: `pnpm --filter @looply/web build` builds it; the API works without it',
    );

  const sendIndex = (request: Request, response: Response, next: NextFunction) => {
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      NOT_STUDIO.test(request.path) ||
      !acceptsHtml(request)
    )
      return next();
    if (!isStudioBuilt(root)) {
      response
        .status(503)
        .type('text/plain')
        .send(
          'The Looply studio is not built. Run `pnpm --filter @looply/web build`, then reload. The API is at /api/v1 and its documentation at /docs.\n',
        );
      return;
    }
    withStudioPolicy(response);
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(join(root, 'index.html'));
  };

  app.use(
    '/assets',
    express.static(join(root, 'assets'), {
      index: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
      setHeaders: (response) => withStudioPolicy(response),
    }),
  );
  app.use(
    express.static(root, {
      index: false,
      fallthrough: true,
      setHeaders: (response, path) => {
        withStudioPolicy(response);
        if (path.endsWith('.html')) response.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  app.use(sendIndex);
}
