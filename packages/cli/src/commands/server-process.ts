import { createServer, type AddressInfo } from 'node:net';
import type Logger from 'bunyan';
import type { DependencyContainer } from 'tsyringe';
import {
  createArtifactUrlSigner,
  type ArtifactStore,
  type ArtifactUrlSigner,
  type Engine,
  type WorkerOptions,
} from '@looply/core';
import type { SelectedProviders } from '../providers/select-providers.js';
import type { RunningServer, StartServerOptions } from '@looply/server';
import type { CliContext } from '../cli-context.js';
import type { CliConfig } from '../config/cli-config.js';
import type { DatabaseConnection } from '../composition/database-connection.js';
import type { EngineFactory } from '../composition/engine-factory.js';
import { TOKENS } from '../composition/tokens.js';
import { EXIT_CODES } from '../exit-codes.js';
import { ARTIFACT_URL_SECRET_VARIABLE, resolveArtifactUrlSecret } from '../providers/artifact-url-secret.js';
import { handleInterrupts } from '../interrupt-handler.js';
import { UsageError } from '../usage-error.js';
import { isUsageProblem } from '../usage-problem.js';

export type ServerProcessContext = CliContext;

export interface ServerProcessOptions {
  /** Serve the REST API (`looply serve`); false runs no HTTP server (`looply worker`). */
  http: boolean;
  /** HTTP port (default `$PORT` or 3000; 0 picks a free one). */
  port?: number;
  /** Pipeline workers in this process; undefined runs none (`looply serve --no-worker`). */
  concurrency?: number;
  /** What the process is, for messages: `serve` or `worker`. */
  name: 'serve' | 'worker';
  /** For tests and benchmarks of real processes: these providers instead of the configured ones, and engine worker settings. */
  overrides?: { providers?: SelectedProviders; worker?: WorkerOptions };
  /** Serve Prometheus metrics on this port (`looply worker --metrics-port`); default `$METRICS_PORT`. */
  metricsPort?: number;
}

/** Parses a whole number option within bounds, or throws a UsageError naming it. */
export function parseIntegerOption(
  name: string,
  value: string | undefined,
  minimum: number,
  maximum: number,
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(number) || number < minimum || number > maximum) {
    throw new UsageError(name, `${name} must be a whole number from ${minimum} to ${maximum}, got "${value}"`);
  }
  return number;
}

/**
 * Runs `looply serve` / `looply worker` until SIGTERM or SIGINT: configuration (exit 2 when invalid,
 * before anything starts), database (embedded unless DATABASE_URL), engine, then the server runtime.
 * A signal stops taking HTTP requests and steps, lets in-flight work finish (or releases it), closes
 * the database, and resolves 0; a second signal exits at once.
 */
export async function runServerProcess(options: ServerProcessOptions, context: ServerProcessContext): Promise<number> {
  const { CallbackUrlPolicy, createPolicyCheckedFetch, loadServerEnvironment, ServerConfigError, startServer } =
    await import('@looply/server');
  const { closeCommandScope, openScopeFor } = await import('../composition/composition-root.js');
  let scope: DependencyContainer;
  let config: CliConfig;
  let serverEnvironment;
  let artifactUrls: ArtifactUrlSigner;
  try {
    scope = await openScopeFor(context);
    config = scope.resolve<CliConfig>(TOKENS.Settings);
    // A missing bucket, rejected credentials or an unreachable endpoint is a usage error, before anything starts.
    await scope.resolve<Promise<ArtifactStore>>(TOKENS.ArtifactStore);
    serverEnvironment = await loadServerEnvironment(context.environment, {
      home: config.home,
      // Resolved now so the default PUBLIC_BASE_URL names the real port.
      port: options.port === 0 ? await findFreePort() : options.port,
      requireJwtSecret: options.http,
    });
    // One signer for the server's artifact route and the providers (Shotstack) of this process and of
    // `looply worker` processes sharing the home: they all sign with the same secret and base URL.
    artifactUrls = createArtifactUrlSigner({
      baseUrl: serverEnvironment.settings.publicBaseUrl,
      secret: await resolveArtifactUrlSecret({
        configured: context.environment[ARTIFACT_URL_SECRET_VARIABLE],
        home: config.home,
      }),
    });
    const signer = artifactUrls;
    scope.registerInstance(TOKENS.ArtifactUrls, () => Promise.resolve(signer));
    scope.registerInstance(TOKENS.ServerEnvironment, serverEnvironment);
    // A brief's music URL passed this policy at submit; it is checked again (fresh DNS, pinned address) at download.
    scope.registerInstance(
      TOKENS.MusicUrlFetch,
      createPolicyCheckedFetch(new CallbackUrlPolicy(serverEnvironment.settings.callbacks?.allowlist ?? [])),
    );
    if (options.overrides?.providers) scope.registerInstance(TOKENS.Providers, options.overrides.providers);
    // Resolved now so an unknown or unconfigured provider is a usage error, before anything starts.
    scope.resolve(TOKENS.Providers);
  } catch (error) {
    if (error instanceof ServerConfigError || isUsageProblem(error)) {
      context.stderr.write(`looply ${options.name}: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    throw error;
  }

  const logger = scope.resolve<Logger>(TOKENS.Logger);
  let stopRequested!: (signal: NodeJS.Signals) => void;
  const signalled = new Promise<NodeJS.Signals>((resolve) => (stopRequested = resolve));
  const removeHandlers = handleInterrupts((signal) => stopRequested(signal), EXIT_CODES.interrupted);
  let engine: Engine | undefined;
  let running: RunningServer | undefined;
  try {
    const worker = {
      ...options.overrides?.worker,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    };
    engine = await scope
      .resolve<EngineFactory>(TOKENS.EngineFactory)
      .create(Object.keys(worker).length > 0 ? { worker } : {});
    await engine.start();
    const startOptions: StartServerOptions = {
      engine,
      databaseUrl: await scope.resolve<DatabaseConnection>(TOKENS.Database).url(),
      settings: serverEnvironment.settings,
      logger,
      artifactUrls,
      ...(options.http ? { port: serverEnvironment.port, host: serverEnvironment.host } : {}),
      ...(options.concurrency !== undefined ? { workers: { concurrency: options.concurrency } } : {}),
      ...(options.metricsPort !== undefined ? { metricsPort: options.metricsPort } : {}),
    };
    running = await startServer(startOptions);
    if (running.metricsPort !== null)
      context.stdout.write(`Looply metrics on http://${serverEnvironment.host}:${running.metricsPort}/metrics\n`);
    if (running.port !== null) {
      context.stdout.write(
        `Looply API listening on http://${serverEnvironment.host}:${running.port} (docs: ${serverEnvironment.settings.publicBaseUrl}/docs, workers: ${options.concurrency ?? 'none'})\n`,
      );
    } else {
      context.stdout.write(`Looply worker running (concurrency ${options.concurrency})\n`);
    }
    const signal = await signalled;
    logger.info({ signal }, 'stopping: no new requests or steps, finishing in-flight work');
    context.stderr.write(`looply ${options.name}: ${signal} received, shutting down\n`);
    return EXIT_CODES.success;
  } catch (error) {
    logger.error({ err: error }, `${options.name} failed`);
    context.stderr.write(`looply ${options.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_CODES.failure;
  } finally {
    // `running.stop()` stops the engine too; without it the engine may still be open.
    if (running) await running.stop().catch((error: unknown) => logger.warn({ err: error }, 'server stop failed'));
    else await engine?.stop().catch((error: unknown) => logger.warn({ err: error }, 'engine stop failed'));
    await closeCommandScope(scope).catch((error: unknown) => logger.warn({ err: error }, 'database stop failed'));
    removeHandlers();
  }
}

/** Wires `action` so its resolved exit code reaches the program. */
export function exitCodeAction(
  setExitCode: (code: number) => void,
  action: () => Promise<number>,
  context: ServerProcessContext,
  name: string,
): Promise<void> {
  return action().then(setExitCode, (error: unknown) => {
    if (isUsageProblem(error)) {
      context.stderr.write(`looply ${name}: ${error.message}\n`);
      setExitCode(EXIT_CODES.usage);
    } else throw error;
  });
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
