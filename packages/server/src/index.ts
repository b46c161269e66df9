// The app
export { createApp, type LooplyApp } from './app/create-app.js';
export type { AppDependencies } from './app/app-dependencies.js';
export { HttpError } from './app/http-error.js';
export { errorBodySchema, type ErrorBody } from './app/error-body.js';

// Running it
export { startServer, type RunningServer, type StartServerOptions } from './server-runtime.js';
export { startHttpServer, type RunningHttpServer } from './http/start-http-server.js';
export { ServerDatabase, type OpenServerDatabaseOptions } from './persistence/server-database.js';
export { WorkerHeartbeat, countLiveWorkers } from './system/worker-heartbeat.js';

// Operators
export { setUserRole } from './admin/set-user-role.js';
export { USER_ROLES, type UserRole } from './persistence/user-account-entity.js';

// Configuration
export {
  serverSettingsSchema,
  MIN_JWT_SECRET_BYTES,
  type ServerSettings,
  type ServerSettingsInput,
} from './config/server-settings.js';
export { loadServerEnvironment, serverEnvironmentSchema, type ServerEnvironment } from './config/server-environment.js';
export { resolveJwtSecret, JWT_SECRET_FILE } from './config/jwt-secret.js';
export { ServerConfigError } from './config/server-config-error.js';

// Webhooks: Standard Webhooks signing and verification, for receivers and providers alike
export {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  webhookHeaders,
  WEBHOOK_HEADERS,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type SignWebhookOptions,
  type VerifyWebhookOptions,
  type WebhookHeaders,
} from './webhooks/standard-webhooks.js';
export { WebhookVerificationError } from './webhooks/webhook-verification-error.js';

// Outbound callbacks
export {
  CallbackDispatcher,
  CALLBACK_QUEUE,
  callbackMessageId,
  type CallbackDispatcherOptions,
} from './callbacks/callback-dispatcher.js';
export {
  CallbackUrlPolicy,
  CallbackUrlRefusedError,
  type Resolver,
  type ResolvedAddress,
} from './callbacks/callback-url-policy.js';
export { isBlockedAddress } from './callbacks/blocked-addresses.js';
export { createPolicyCheckedFetch, OutboundUrlRefusedError } from './callbacks/policy-checked-fetch.js';
export { CALLBACK_EVENTS, type CallbackEvent, type CallbackPayload } from './callbacks/callback-payload.js';

// Rate limiting
export { PostgresRateLimitStore } from './limits/postgres-rate-limit-store.js';

// Metrics (Prometheus)
export { createServerMetrics, type ServerMetrics } from './metrics/server-metrics.js';
export { startMetricsServer } from './metrics/metrics-server.js';

// OpenAPI
export { buildOpenApiDocument, API_ROUTES, type ApiRoute } from './openapi/openapi-document.js';
