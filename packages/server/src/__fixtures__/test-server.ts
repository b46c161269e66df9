import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bunyan from 'bunyan';
import {
  createEngine,
  isTerminalJobStatus,
  LocalArtifactStore,
  ProviderRegistry,
  type ArtifactStore,
  type Engine,
  type WorkerOptions,
} from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
  createTestDatabase,
  type TestDatabase,
} from '@looply/core/testing';
import request from 'supertest';
import { createApp, type LooplyApp } from '../app/create-app.js';
import type { CallbackUrlPolicy } from '../callbacks/callback-url-policy.js';
import type { ServerSettingsInput } from '../config/server-settings.js';
import { ServerDatabase } from '../persistence/server-database.js';

export interface TestServerOptions {
  settings?: Partial<Omit<ServerSettingsInput, 'jwt'>> & { jwt?: Partial<ServerSettingsInput['jwt']> };
  /** Run engine workers in this process (jobs complete). Default true. */
  workers?: boolean;
  worker?: WorkerOptions;
  /** Extra providers (ids other than `mock`). */
  register?: (registry: ProviderRegistry) => void;
  /** Mock step delay, to keep jobs running for a while. */
  stepDelayMs?: number;
  callbackPolicy?: CallbackUrlPolicy;
  /** Log here instead of the silent default (e.g. to assert what was logged). */
  logger?: bunyan;
  /** Reuse an existing test database (a second "process" on the same data). */
  databaseUrl?: string;
  /** Another artifact store than a fresh local folder (an S3 store, say). */
  artifacts?: ArtifactStore;
}

export interface TestServer {
  app: LooplyApp;
  engine: Engine;
  database: ServerDatabase;
  databaseUrl: string;
  secret: KeyObject;
  registry: ProviderRegistry;
  logger: bunyan;
  settings: ServerSettingsInput;
  /** Registers and logs in a fresh user; returns its token. */
  createUser(
    email?: string,
    password?: string,
  ): Promise<{ id: string; email: string; password: string; token: string }>;
  close(): Promise<void>;
}

let userCounter = 0;

/** A brief the mocks finish in well under a second. */
export const QUICK_BRIEF = { topic: 'solar power', durationSec: 6 } as const;

/** An app on a fresh test database, an engine with the core mock providers (id `mock`), and helpers. */
export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const testDatabase: TestDatabase | null = options.databaseUrl ? null : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? testDatabase!.url;
  const artifactsRoot = await mkdtemp(join(tmpdir(), 'looply-server-test-'));
  const logger =
    options.logger ??
    bunyan.createLogger({
      name: 'looply-server-test',
      serializers: bunyan.stdSerializers,
      level: (process.env.LOOPLY_TEST_LOG_LEVEL as bunyan.LogLevel | undefined) ?? bunyan.FATAL + 1,
    });
  const registry = new ProviderRegistry();
  const delayMs = options.stepDelayMs ?? 0;
  registry.register(createMockScriptProvider({ delayMs }));
  registry.register(createMockVoiceProvider({ delayMs }));
  registry.register(createMockVisualProvider({ delayMs }));
  registry.register(createMockAssemblyProvider({ delayMs }));
  options.register?.(registry);
  const engine = createEngine({
    databaseUrl,
    registry,
    artifacts: options.artifacts ?? new LocalArtifactStore(artifactsRoot),
    defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' },
    logger,
    worker: {
      concurrency: 4,
      fallbackFetchIntervalMs: 200,
      pollIntervalMs: 100,
      retryBaseDelayMs: 50,
      shutdownTimeoutMs: 2000,
      ...options.worker,
    },
  });
  await engine.start();
  if (options.workers !== false) await engine.startWorkers();
  const database = await ServerDatabase.open({ databaseUrl, logger });
  const secret = createSecretKey(randomBytes(32));
  const { jwt, ...rest } = options.settings ?? {};
  const settings: ServerSettingsInput = {
    publicBaseUrl: 'http://127.0.0.1:3000',
    jwt: { secret, ...jwt },
    eventStreamHeartbeatMs: 500,
    healthCacheMs: 0,
    ...rest,
    // Generous unless a test is about the limits: many users are registered from one address.
    rateLimits: { limit: 100_000, authLimit: 10_000, loginFailureLimit: 1000, ...rest.rateLimits },
  };
  const app = createApp({ engine, database, logger, settings, callbackPolicy: options.callbackPolicy });

  return {
    app,
    engine,
    database,
    databaseUrl,
    secret: settings.jwt.secret,
    registry,
    logger,
    settings,
    async createUser(email, password = 'correct horse battery') {
      const address = email ?? `user${++userCounter}-${randomBytes(3).toString('hex')}@example.com`;
      const registered = await request(app).post('/api/v1/auth/register').send({ email: address, password });
      if (registered.status !== 201)
        throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
      const login = await request(app).post('/api/v1/auth/login').send({ email: address, password });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
      return { id: registered.body.user.id as string, email: address, password, token: login.body.token as string };
    },
    async close() {
      app.close();
      await engine.stop();
      await database.close();
      await testDatabase?.drop();
      await rm(artifactsRoot, { recursive: true, force: true });
    },
  };
}

/** Polls until the job is finished (COMPLETED, FAILED or CANCELLED) or the deadline passes. */
export async function waitForJobEnd(engine: Engine, jobId: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await engine.get(jobId);
    if (job && isTerminalJobStatus(job.status)) return job.status;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job?.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
