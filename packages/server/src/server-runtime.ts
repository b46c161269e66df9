import type { ArtifactUrlSigner, Engine } from '@looply/core';
import type Logger from 'bunyan';
import { createApp, type LooplyApp } from './app/create-app.js';
import { CallbackDispatcher } from './callbacks/callback-dispatcher.js';
import { serverSettingsSchema, type ServerSettingsInput } from './config/server-settings.js';
import { startHttpServer, type RunningHttpServer } from './http/start-http-server.js';
import { ServerDatabase } from './persistence/server-database.js';
import { WorkerHeartbeat } from './system/worker-heartbeat.js';

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
}

export interface RunningServer {
  /** The HTTP port, when listening. */
  port: number | null;
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
  try {
    await callbacks.start();
    if (options.workers) {
      await options.engine.startWorkers({ concurrency: options.workers.concurrency });
      heartbeat = new WorkerHeartbeat(database, { concurrency: options.workers.concurrency, logger });
      await heartbeat.start();
    }
    if (options.port !== undefined) {
      app = createApp({ engine: options.engine, database, logger, settings, callbackPolicy: callbacks.policy, version: options.version, artifactUrls: options.artifactUrls });
      http = await startHttpServer(app, { port: options.port, host: options.host, requestTimeoutMs: settings.requestTimeoutMs, headersTimeoutMs: settings.headersTimeoutMs });
      logger.info({ port: http.port, host: options.host ?? '0.0.0.0', workers: options.workers?.concurrency ?? 0 }, 'server listening');
    }
  } catch (error) {
    await callbacks.stop().catch(() => undefined);
    await heartbeat?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    port: http?.port ?? null,
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
        await database.close();
        logger.info('shut down');
      })();
      return stopping;
    },
  };
}
