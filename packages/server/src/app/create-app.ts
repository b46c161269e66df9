import express, { type Express } from 'express';
import helmet from 'helmet';
import { AdminJobQueries } from '../admin/admin-job-queries.js';
import { createAdminRouter } from '../admin/admin-router.js';
import { AdminUserDirectory } from '../admin/admin-user-directory.js';
import { AnalyticsQueries } from '../admin/analytics-queries.js';
import { createArtifactsRouter } from '../artifacts/artifacts-router.js';
import { createAuthRouter } from '../auth/auth-router.js';
import { createAuthenticator } from '../auth/authenticator.js';
import { KnownLoginClients } from '../auth/known-login-clients.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { TokenService } from '../auth/token-service.js';
import { revocationChannel, TokenVersionCache } from '../auth/token-version-cache.js';
import { UserStore } from '../auth/user-store.js';
import { CallbackUrlPolicy } from '../callbacks/callback-url-policy.js';
import { serverSettingsSchema } from '../config/server-settings.js';
import { createRateLimiters } from '../limits/rate-limiters.js';
import { createDocsRouter } from '../openapi/docs-router.js';
import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import { createProfileRouter } from '../profile/profile-router.js';
import { HealthCheck } from '../system/health-check.js';
import { createHealthRouter } from '../system/health-router.js';
import { QuotaChecker } from '../videos/quota-checker.js';
import { JobViewCache } from '../videos/job-view-cache.js';
import { VideoCreator } from '../videos/video-creator.js';
import { VideoCanceller } from '../videos/video-canceller.js';
import { VideoRetrier } from '../videos/video-retrier.js';
import { createUsageRouter } from '../videos/usage-router.js';
import { createVideosRouter } from '../videos/videos-router.js';
import { signedArtifactOrigin } from '../studio/studio-content-policy.js';
import { mountStudio } from '../studio/studio-static.js';
import { createWebhooksRouter } from '../webhooks/webhooks-router.js';
import { createTemplatesRouter } from '../templates/templates-router.js';
import { UserTemplateStore } from '../templates/user-template-store.js';
import { answerScrape } from '../metrics/metrics-endpoint.js';
import type { AppDependencies } from './app-dependencies.js';
import { errorConverter } from './error-converter.js';
import { corsPolicy } from './cors-policy.js';
import { declaredSizeGuard } from './declared-size-guard.js';
import { errorHandler } from './error-handler.js';
import { HttpError } from './http-error.js';
import { rejectUnstorableText } from './reject-unstorable-text.js';
import { requestContext } from './request-context.js';

/** The Express app plus `close()`, which ends open event streams and stops its background work (timers, listeners). */
export type LooplyApp = Express & { close(): void };

/**
 * Builds the REST app from its dependencies (no globals): request ids and loggers, helmet, rate
 * limits on a Postgres store, the webhook route on raw bodies before any JSON parser, then JSON
 * routes per resource, the OpenAPI document and Swagger UI, and one error converter + handler.
 */
export function createApp(dependencies: AppDependencies): LooplyApp {
  const { engine, database, logger } = dependencies;
  const settings = serverSettingsSchema.parse(dependencies.settings);
  const users = new UserStore(database, revocationChannel(settings.schema));
  const tokenVersions = new TokenVersionCache(users, {
    databaseUrl: database.databaseUrl,
    channel: revocationChannel(settings.schema),
    ttlMs: settings.tokenCheckCacheMs,
    maxEntries: 100_000,
    logger,
  });
  if (settings.tokenCheckCacheMs > 0) {
    users.onRevocation((userId) => tokenVersions.invalidate(userId));
    tokenVersions.start();
  }
  const hasher = new PasswordHasher();
  const tokens = new TokenService(settings.jwt);
  const authenticator = createAuthenticator({
    users,
    tokenVersions: settings.tokenCheckCacheMs > 0 ? tokenVersions : undefined,
    hasher,
    settings: settings.jwt,
  });
  const knownClients = new KnownLoginClients(database);
  const limits = createRateLimiters(database, settings.rateLimits, knownClients, (error) =>
    logger.warn({ err: error }, 'rate-limit counts not reconciled; retried with the next batch'),
  );
  const policy = dependencies.callbackPolicy ?? new CallbackUrlPolicy(settings.callbacks.allowlist);
  const templates = new UserTemplateStore(database);
  const quotas = new QuotaChecker(database, engine, settings.quotas);
  const creator = new VideoCreator({ database, engine, quotas, policy, settings, templates });
  const directory = new AdminUserDirectory(database, {
    engineSchema: settings.engineSchema,
    quotas: settings.quotas,
    adminEmails: new Set(settings.adminEmails),
  });
  const health = new HealthCheck(database, `${settings.engineSchema}_boss`, settings.healthCacheMs);
  const cache =
    settings.jobCacheMs > 0
      ? new JobViewCache(
          engine,
          { runningTtlMs: settings.jobCacheMs, finishedTtlMs: settings.finishedJobCacheMs, maxEntries: 10_000 },
          logger,
        )
      : null;
  const document = buildOpenApiDocument({
    publicBaseUrl: settings.publicBaseUrl,
    version: dependencies.version ?? '1.0.0',
  });

  const openStreams = new Set<() => void>();
  const app = express() as LooplyApp;
  app.disable('x-powered-by');
  // Never `true`: a client could then choose its own address (and rate-limit key) with X-Forwarded-For.
  app.set('trust proxy', settings.trustProxyHops);
  app.set('etag', false);
  app.use(requestContext(logger.child({ component: 'http' })));
  const { metrics } = dependencies;
  if (metrics) app.use(metrics.httpMiddleware);
  // Metrics on the public port only behind a bearer token; otherwise on METRICS_PORT or not at all.
  const metricsToken = settings.metrics.token;
  if (metrics && metricsToken !== undefined)
    app.get('/metrics', (request, response) => answerScrape(metrics.registry, metricsToken, request, response));
  app.use(helmet());
  app.use(corsPolicy(settings.corsOrigins));
  app.use(declaredSizeGuard(Math.max(settings.jsonBodyLimitBytes, settings.webhookBodyLimitBytes)));

  const api = express.Router();
  api.use('/health', createHealthRouter(health));
  api.use(limits.global);
  if (dependencies.artifactUrls)
    api.use('/artifacts', createArtifactsRouter({ store: engine.artifacts, signer: dependencies.artifactUrls }));
  else
    api.use('/artifacts', () => {
      throw new HttpError(404, 'not-found', 'This server hands out no artifact URLs');
    });
  api.use('/webhooks', createWebhooksRouter({ engine, database, bodyLimitBytes: settings.webhookBodyLimitBytes }));
  api.use(express.json({ limit: settings.jsonBodyLimitBytes }));
  api.use(rejectUnstorableText);
  api.use('/auth', createAuthRouter({ users, hasher, tokens, authenticator, limits, knownClients }));
  api.use('/profile', createProfileRouter({ users, authenticator }));
  api.use(
    '/videos',
    createVideosRouter({
      engine,
      cache,
      users,
      authenticator,
      creator,
      retrier: new VideoRetrier({ database, engine, quotas }),
      canceller: new VideoCanceller({ database, engine }),
      publicBaseUrl: settings.publicBaseUrl,
      eventStreamHeartbeatMs: settings.eventStreamHeartbeatMs,
      openStreams,
    }),
  );
  api.use('/templates', createTemplatesRouter({ templates, authenticator }));
  api.use('/usage', createUsageRouter({ quotas, authenticator }));
  api.use(
    '/admin',
    createAdminRouter({
      engine,
      users,
      authenticator,
      directory,
      jobs: new AdminJobQueries(database, settings.engineSchema),
      analytics: new AnalyticsQueries(database, settings.engineSchema),
      dropCachedJob: (jobId) => cache?.drop(jobId),
    }),
  );
  app.use('/api/v1', api);
  app.use(createDocsRouter(document));
  mountStudio(app, settings.studioRoot, logger, signedArtifactOrigin(engine.artifacts, logger));

  app.use((request, _response, next) => {
    next(new HttpError(404, 'route-not-found', `No route ${request.method} ${request.path}`));
  });
  app.use(errorConverter);
  app.use(errorHandler);
  app.close = () => {
    for (const closeStream of [...openStreams]) closeStream();
    limits.shutdown();
    cache?.clear();
    void tokenVersions.stop();
  };
  return app;
}
