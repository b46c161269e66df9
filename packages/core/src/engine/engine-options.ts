import { hostname } from 'node:os';
import type Logger from 'bunyan';
import { z } from 'zod';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { STEP_KINDS, type StepKind } from '../domain/brief.js';
import type { OutputCheck } from '../quality/output-check.js';
import { ProviderRegistry } from '../registry/provider-registry.js';
import { DEFAULT_DATABASE_SCHEMA, databaseSchemaNameSchema } from '../persistence/database-schema-name.js';

export interface WorkerOptions {
  /** Steps one process runs at once. Default 4. */
  concurrency?: number;
  /** Visual steps of one job in flight at once (running, waiting or queued). Default 2. */
  visualConcurrency?: number;
  /** How long a claimed step stays ours without a heartbeat. Default 30 000 ms. */
  leaseMs?: number;
  /** Attempts per step before its job fails. Default 3. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, with jitter. Default 1000 ms. */
  retryBaseDelayMs?: number;
  /** Longest retry delay (a vendor's retryAfterMs may ask for more). Default 60 000 ms. */
  retryMaxDelayMs?: number;
  /**
   * Wait between status polls of a long-running step when the provider gives no `pollAfterMs`
   * hint; a hint is honoured down to a tenth of this. Default 5000 ms.
   */
  pollIntervalMs?: number;
  /** Fetch anyway this often, in case a NOTIFY was missed. Default 1500 ms. */
  fallbackFetchIntervalMs?: number;
  /** How often expired leases are looked for. Default half a lease. */
  sweepIntervalMs?: number;
  /** How long `stop()` waits for running steps before aborting them. Default 10 000 ms. */
  shutdownTimeoutMs?: number;
}

export interface EngineOptions {
  databaseUrl: string;
  registry: ProviderRegistry;
  artifacts: ArtifactStore;
  /** Provider id per step when the brief does not choose. */
  defaults: Record<StepKind, string>;
  /** Postgres schema of the engine's tables; pg-boss uses `<schema>_boss`. Default `looply`. */
  schema?: string;
  /** A bunyan logger; the default drops everything. */
  logger?: Logger;
  worker?: WorkerOptions;
  /** Passed to every provider call, keyed by provider id: `{ openai: { model: 'gpt-4o' } }`. */
  providerOptions?: Record<string, Record<string, unknown>>;
  /** Recorded on the step runs this engine claims and in its logs. Default `<hostname>:<pid>`. */
  workerId?: string;
  /**
   * Measures every video an assembler renders in this process against the output standards, right
   * after the render and as part of the assembly step; the report is kept in the job's result
   * (`result.quality`). Default: none (no check).
   */
  outputCheck?: OutputCheck;
}

const positiveMs = z.number().int().positive();

const workerOptionsSchema = z.strictObject({
  concurrency: z.number().int().min(1).max(256).default(4),
  visualConcurrency: z.number().int().min(1).max(64).default(2),
  leaseMs: positiveMs.min(50).default(30_000),
  maxAttempts: z.number().int().min(1).max(100).default(3),
  retryBaseDelayMs: z.number().int().min(0).default(1000),
  retryMaxDelayMs: z.number().int().min(0).default(60_000),
  pollIntervalMs: positiveMs.default(5000),
  fallbackFetchIntervalMs: positiveMs.min(10).default(1500),
  sweepIntervalMs: positiveMs.min(10).optional(),
  shutdownTimeoutMs: z.number().int().min(0).default(10_000),
});

const artifactStoreSchema = z.custom<ArtifactStore>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['put', 'get', 'exists', 'deletePrefix', 'localPath'].every(
      (method) => typeof (value as Record<string, unknown>)[method] === 'function',
    ),
  'must be an ArtifactStore (put, get, exists, localPath, deletePrefix, …)',
);

const loggerSchema = z.custom<Logger>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Logger).child === 'function' &&
    typeof (value as Logger).info === 'function',
  'must be a bunyan Logger',
);

const providerIdSchema = z.string().min(1);

export const engineOptionsSchema = z.strictObject({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  // By shape as well as by class: a test runner mixing module loaders may hold two copies of the class.
  registry: z.custom<ProviderRegistry>(
    (value) =>
      value instanceof ProviderRegistry ||
      (typeof value === 'object' &&
        value !== null &&
        ['register', 'get', 'has', 'ids'].every(
          (method) => typeof (value as Record<string, unknown>)[method] === 'function',
        )),
    'must be a ProviderRegistry',
  ),
  artifacts: artifactStoreSchema,
  defaults: z.strictObject(
    Object.fromEntries(STEP_KINDS.map((kind) => [kind, providerIdSchema])) as Record<StepKind, typeof providerIdSchema>,
  ),
  schema: databaseSchemaNameSchema.default(DEFAULT_DATABASE_SCHEMA),
  logger: loggerSchema.optional(),
  worker: workerOptionsSchema.default(workerOptionsSchema.parse({})),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  workerId: z
    .string()
    .min(1)
    .max(200)
    .default(() => `${hostname()}:${process.pid}`),
  outputCheck: z
    .custom<OutputCheck>((value) => typeof value === 'function', 'must be a function (the output check)')
    .optional(),
});

export type ResolvedEngineOptions = z.output<typeof engineOptionsSchema>;
export type ResolvedWorkerOptions = z.output<typeof workerOptionsSchema>;
