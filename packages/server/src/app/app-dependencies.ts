import type { ArtifactUrlSigner, Engine } from '@looply/core';
import type Logger from 'bunyan';
import type { CallbackUrlPolicy } from '../callbacks/callback-url-policy.js';
import type { ServerSettingsInput } from '../config/server-settings.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import type { ServerMetrics } from '../metrics/server-metrics.js';

/** What `createApp` is built from: nothing global, everything injected. */
export interface AppDependencies {
  /** A started engine (workers may run here or in other processes). */
  engine: Engine;
  /** The server's own tables (`ServerDatabase.open`). */
  database: ServerDatabase;
  logger: Logger;
  settings: ServerSettingsInput;
  /** Where callback and music URLs may point; default: from `settings.callbacks.allowlist` with the system DNS. */
  callbackPolicy?: CallbackUrlPolicy;
  /** Shown in the OpenAPI document. */
  version?: string;
  /** Verifies signed artifact URLs; when given, `GET /api/v1/artifacts/<key>` serves the engine's artifacts to remote providers. */
  artifactUrls?: ArtifactUrlSigner;
  /** When given, requests are counted; `GET /metrics` is served here only with `settings.metrics.token`. */
  metrics?: ServerMetrics;
}
