import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bunyan from 'bunyan';
import { LocalArtifactStore } from '../../artifacts/local-artifact-store.js';
import type { BriefInput } from '../../domain/brief.js';
import { ProviderRegistry } from '../../registry/provider-registry.js';
import type { AssemblyProviderV1 } from '../../spec/assembly/v1/assembly-provider-v1.js';
import type { ScriptProviderV1 } from '../../spec/script/v1/script-provider-v1.js';
import type { VisualProviderV1 } from '../../spec/visual/v1/visual-provider-v1.js';
import type { VoiceProviderV1 } from '../../spec/voice/v1/voice-provider-v1.js';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '../../testing/mock-providers.js';
import { createEngine } from '../create-engine.js';
import { isTerminalJobStatus } from '../../persistence/job-status.js';
import type { OutputCheck } from '../../quality/output-check.js';
import type { WorkerOptions } from '../engine-options.js';
import type { Engine } from '../engine.js';
import type { JobView } from '../job-view.js';

/** Small leases and intervals so failure paths run in milliseconds. */
export const FAST_WORKER: WorkerOptions = {
  concurrency: 4,
  visualConcurrency: 2,
  leaseMs: 1500,
  maxAttempts: 3,
  retryBaseDelayMs: 20,
  retryMaxDelayMs: 200,
  pollIntervalMs: 40,
  fallbackFetchIntervalMs: 300,
  shutdownTimeoutMs: 1000,
};

export interface HarnessProviders {
  script?: ScriptProviderV1;
  voice?: VoiceProviderV1;
  visual?: VisualProviderV1;
  assembly?: AssemblyProviderV1;
}

export interface TestEngine {
  engine: Engine;
  registry: ProviderRegistry;
  artifactsRoot: string;
  schema: string;
  stop(): Promise<void>;
}

/** A unique schema name, so tests of one file share a database without sharing tables. */
export function uniqueSchema(prefix = 'test'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** A shared artifacts folder for engines that must see the same files. */
export async function createArtifactsRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'looply-engine-test-'));
}

export function testLogger(): bunyan {
  return bunyan.createLogger({
    name: 'engine-test',
    level: (process.env.LOOPLY_TEST_LOG_LEVEL as bunyan.LogLevel | undefined) ?? bunyan.FATAL + 1,
  });
}

export interface TestEngineOptions {
  providers?: HarnessProviders;
  worker?: WorkerOptions;
  schema?: string;
  artifactsRoot?: string;
  workers?: boolean;
  workerId?: string;
  outputCheck?: OutputCheck;
}

/** An engine on `databaseUrl` with mock providers (id `mock`) unless others are given. */
export async function startTestEngine(databaseUrl: string, options: TestEngineOptions = {}): Promise<TestEngine> {
  const registry = new ProviderRegistry();
  registry.register(options.providers?.script ?? createMockScriptProvider());
  registry.register(options.providers?.voice ?? createMockVoiceProvider());
  registry.register(options.providers?.visual ?? createMockVisualProvider());
  registry.register(options.providers?.assembly ?? createMockAssemblyProvider());
  const ownsArtifacts = options.artifactsRoot === undefined;
  const artifactsRoot = options.artifactsRoot ?? (await createArtifactsRoot());
  const schema = options.schema ?? uniqueSchema();
  const ids = (provider: { provider: string } | undefined) => provider?.provider ?? 'mock';
  const engine = createEngine({
    databaseUrl,
    schema,
    registry,
    artifacts: new LocalArtifactStore(artifactsRoot),
    defaults: {
      script: ids(options.providers?.script),
      voice: ids(options.providers?.voice),
      visual: ids(options.providers?.visual),
      assembly: ids(options.providers?.assembly),
    },
    logger: testLogger(),
    worker: { ...FAST_WORKER, ...options.worker },
    ...(options.workerId ? { workerId: options.workerId } : {}),
    ...(options.outputCheck ? { outputCheck: options.outputCheck } : {}),
  });
  await engine.start();
  if (options.workers !== false) await engine.startWorkers();
  return {
    engine,
    registry,
    artifactsRoot,
    schema,
    async stop() {
      await engine.stop();
      if (ownsArtifacts) await rm(artifactsRoot, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves with the job once it is COMPLETED, FAILED or CANCELLED. */
export async function waitForJobEnd(engine: Engine, jobId: string, timeoutMs = 20_000): Promise<JobView> {
  return waitFor(
    `job ${jobId} to end`,
    async () => {
      const job = await engine.get(jobId);
      return job && isTerminalJobStatus(job.status) ? job : undefined;
    },
    timeoutMs,
  );
}

export const SAMPLE_BRIEF: BriefInput = { topic: 'solar power', durationSec: 15, tone: 'enthusiastic' };
