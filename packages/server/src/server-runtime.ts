import type { ArtifactUrlSigner, Engine } from '@looply/core';
import type Logger from 'bunyan';
import { createApp, type LooplyApp } from './app/create-app.js';
import { CallbackDispatcher } from './callbacks/callback-dispatcher.js';
import { serverSettingsSchema, type ServerSettingsInput } from './config/server-settings.js';
import { startHttpServer, type RunningHttpServer } from './http/start-http-server.js';
import { ServerDatabase } from './persistence/server-database.js';
import { WorkerHeartbeat } from './system/worker-heartbeat.js';
import { createServerMetrics, type ServerMetrics } from './metrics/server-metrics.js';
import { startMetricsServer } from './metrics/metrics-server.js';

export interface StartServerOptions {
  /** A started engine. When `workers` is set, its workers are started here too. */
  engine: Engine;
  databaseUrl: string;
  settings: ServerSettingsInput;
  logger: Logger;
  /** Listen on this port (0: any free port) and host. Omit `port` to run no HTTP server (`looply worker`). */
  port?: number;
  host?: string;
  /** Run pipeline workers in this process, with this concurrency. */
  workers?: { concurrency: number };
  version?: string;
  /** Signs artifact URLs for remote providers; when set, the HTTP server serves them under `/api/v1/artifacts`. */
  artifactUrls?: ArtifactUrlSigner;
  /** Serve `GET /metrics` on this port (overrides `settings.metrics.port`; `looply worker --metrics-port`). */
  metricsPort?: number;
}

export interface RunningServer {
  /** The HTTP port, when listening. */
  port: number | null;
  /** The port of the separate metrics listener, when there is one. */
  metricsPort: number | null;
  app: LooplyApp | null;
  database: ServerDatabase;
  callbacks: CallbackDispatcher;
  /** Graceful stop: no new connections or steps, in-flight work finished or released, everything closed (the engine too). */
  stop(): Promise<void>;
}

/**
 * The server process composition (`looply serve`, `looply worker`): the server's tables, callback
 * delivery, an optional HTTP listener, optional pipeline workers with their heartbeat.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const settings = serverSettingsSchema.parse(options.settings);
  const logger = options.logger;
  const database = await ServerDatabase.open({ databaseUrl: options.databaseUrl, schema: settings.schema, logger });
  const callbacks = new CallbackDispatcher({ database, engine: options.engine, settings, logger });
  let http: RunningHttpServer | undefined;
  let app: LooplyApp | undefined;
  let heartbeat: WorkerHeartbeat | undefined;
  let metricsHttp: RunningHttpServer | undefined;
  const metricsPort = options.metricsPort ?? settings.metrics.port;
  // Metrics are collected only where they can be scraped: behind the token or on their own port.
  const metrics: ServerMetrics | undefined =
    settings.metrics.token !== undefined || metricsPort !== undefined
      ? createServerMetrics({ engine: options.engine, engineSchema: settings.engineSchema, database })
      : undefined;
  try {
    await callbacks.start();
    if (metrics && metricsPort !== undefined) {
      metricsHttp = await startMetricsServer({
        registry: metrics.registry,
        port: metricsPort,
        host: options.host,
        token: settings.metrics.token,
      });
      logger.info({ port: metricsHttp.port }, 'metrics listening');
    }
    if (options.workers) {
      await options.engine.startWorkers({ concurrency: options.workers.concurrency });
      heartbeat = new WorkerHeartbeat(database, { concurrency: options.workers.concurrency, logger });
      await heartbeat.start();
    }
    if (options.port !== undefined) {
      app = createApp({
        engine: options.engine,
        database,
        logger,
        settings,
        callbackPolicy: callbacks.policy,
        version: options.version,
        artifactUrls: options.artifactUrls,
        metrics,
      });
      http = await startHttpServer(app, {
        port: options.port,
        host: options.host,
        requestTimeoutMs: settings.requestTimeoutMs,
        headersTimeoutMs: settings.headersTimeoutMs,
      });
      logger.info(
        { port: http.port, host: options.host ?? '0.0.0.0', workers: options.workers?.concurrency ?? 0 },
        'server listening',
      );
    }
  } catch (error) {
    await metricsHttp?.close().catch(() => undefined);
    metrics?.close();
    await callbacks.stop().catch(() => undefined);
    await heartbeat?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    port: http?.port ?? null,
    metricsPort: metricsHttp?.port ?? null,
    app: app ?? null,
    database,
    callbacks,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down');
        const httpClosed = http?.close();
        // Event streams would hold the listener open: end them (clients reconnect after `retry`).
        app?.close();
        await httpClosed;
        // Stops claiming steps, lets running ones finish (or aborts and releases them), closes its pools.
        await options.engine.stop();
        await callbacks.stop();
        await heartbeat?.stop();
        await metricsHttp?.close(1000);
        metrics?.close();
        await database.close();
        logger.info('shut down');
      })();
      return stopping;
    },
  };
}
