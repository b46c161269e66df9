// The engine benchmark: N pipelines of four instant steps (script, voice, one visual, assembly)
// through the real queue and tables, against raw pg-boss send → work on the same database.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type PgBossType from 'pg-boss';
import {
  createEngine,
  LocalArtifactStore,
  ProviderRegistry,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
  type StepKind,
} from '../packages/core/src/index.js';
import { findFreePort } from '../packages/core/src/database/port-availability.js';
import { WAITING_PROVIDER_ID, waitingProviders } from './scale/waiting-providers.js';

// pg-boss as core resolves it: the very version the engine runs on.
const PgBoss = createRequire(new URL('../packages/core/package.json', import.meta.url))('pg-boss') as typeof PgBossType;

const GOALS = { handOffP50Ms: 50, handOffP95Ms: 150, pipelinesVersusRawJobsPerSecond: 1 / 4 / 5 };

interface BenchOptions {
  pipelines: number;
  concurrency: number;
  inFlight?: number;
  json: boolean;
}

/** A whole number within bounds, or the default when the flag is absent; names the flag when invalid. */
function integerFlag(
  name: string,
  value: string | undefined,
  bounds: { min: number; max: number },
  fallback?: number,
): number | undefined {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < bounds.min || parsed > bounds.max) {
    throw new Error(
      `bench engine: --${name} must be a whole number from ${bounds.min} to ${bounds.max}, got "${value}"`,
    );
  }
  return parsed;
}

export interface EngineBenchResult {
  pipelines: number;
  stepsPerPipeline: 4;
  concurrency: number;
  inFlight: number;
  database: 'DATABASE_URL' | 'embedded';
  engine: {
    seconds: number;
    pipelinesPerSecond: number;
    handOffMs: { p50: number; p95: number; max: number; samples: number };
  };
  rawPgBoss: { jobs: number; seconds: number; jobsPerSecond: number; sendToWorkMs: { p50: number; p95: number } };
  goals: {
    handOffP50: { goalMs: number; ratio: number; met: boolean };
    handOffP95: { goalMs: number; ratio: number; met: boolean };
    pipelinesPerSecond: { goal: number; ratio: number; met: boolean };
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Raw pg-boss: `send` every job (`concurrency` senders) while `concurrency` workers `work` them. */
async function runRawPgBoss(
  databaseUrl: string,
  jobs: number,
  concurrency: number,
): Promise<EngineBenchResult['rawPgBoss']> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: `bench_raw_${randomBytes(3).toString('hex')}`,
    max: concurrency * 2 + 2,
    schedule: false,
    supervise: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  const queue = 'bench-raw';
  await boss.createQueue(queue, { name: queue, retryLimit: 0 });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let handled = 0;
  let finish!: () => void;
  const allHandled = new Promise<void>((resolve) => (finish = resolve));
  for (let worker = 0; worker < concurrency; worker++) {
    // pg-boss' fastest documented setting: 0.5 s polling, batches of jobs per fetch.
    await boss.work<{ key: string }>(queue, { pollingIntervalSeconds: 0.5, batchSize: 50 }, async (batch) => {
      const now = performance.now();
      for (const job of batch) latencies.push(now - (sentAt.get(job.data.key) ?? now));
      handled += batch.length;
      if (handled >= jobs) finish();
    });
  }
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs) {
        const key = String(next++);
        sentAt.set(key, performance.now());
        await boss.send(queue, { key });
      }
    }),
  );
  await allHandled;
  const seconds = (performance.now() - started) / 1000;
  await boss.stop({ graceful: false, close: true });
  latencies.sort((first, second) => first - second);
  return {
    jobs,
    seconds: round(seconds, 2),
    jobsPerSecond: round(jobs / seconds),
    sendToWorkMs: { p50: round(percentile(latencies, 0.5)), p95: round(percentile(latencies, 0.95)) },
  };
}

/** The engine: `inFlight` pipelines at a time (a new one is submitted when one ends) until `pipelines` ran. */
async function runEngine(
  databaseUrl: string,
  options: BenchOptions,
  inFlight: number,
): Promise<EngineBenchResult['engine']> {
  const started = new Map<string, number>();
  const artifactsRoot = await mkdtemp(join(tmpdir(), 'looply-bench-artifacts-'));
  const artifacts = new LocalArtifactStore(artifactsRoot);
  const placeholder = await artifacts.put('bench/placeholder.bin', Buffer.from('placeholder'), {
    contentType: 'application/octet-stream',
  });
  // Providers that answer at once with minimal valid results (no work, one placeholder artifact), so the
  // bench measures the engine: queue, tables, hand-offs.
  const providers = waitingProviders(placeholder, {
    delayMs: 0,
    onStart: (idempotencyKey) => started.set(idempotencyKey, performance.now()),
  });
  const registry = new ProviderRegistry();
  for (const provider of Object.values(providers)) registry.register(provider);
  const engine = createEngine({
    databaseUrl,
    schema: `bench_engine_${randomBytes(3).toString('hex')}`,
    registry,
    artifacts,
    defaults: {
      script: WAITING_PROVIDER_ID,
      voice: WAITING_PROVIDER_ID,
      visual: WAITING_PROVIDER_ID,
      assembly: WAITING_PROVIDER_ID,
    },
    worker: { concurrency: options.concurrency },
  });
  const ended = new Map<string, number>();
  engine.events.on('step-end', (event) => {
    if (event.status !== 'COMPLETED') return;
    const key =
      event.sceneIndex === undefined
        ? `${event.jobId}:${event.step}`
        : `${event.jobId}:${event.step}:${event.sceneIndex}`;
    ended.set(key, performance.now());
  });
  const failures: string[] = [];
  const waiters = new Map<string, () => void>();
  engine.events.on('job-end', (event) => {
    if (event.status !== 'COMPLETED') failures.push(`${event.jobId}: ${event.status} ${event.error?.message ?? ''}`);
    waiters.get(event.jobId)?.();
  });
  try {
    await engine.start();
    await engine.startWorkers();
    const jobIds: string[] = [];
    const begin = performance.now();
    let submitted = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (submitted < options.pipelines) {
          submitted += 1;
          const job = await engine.submit({ topic: `bench ${submitted}`, durationSec: 5 });
          jobIds.push(job.id);
          // Events of this job may already have arrived: check the row before waiting.
          await new Promise<void>((resolve) => {
            waiters.set(job.id, resolve);
            void engine.get(job.id).then((view) => {
              if (view && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(view.status)) resolve();
            });
          });
        }
      }),
    );
    const seconds = (performance.now() - begin) / 1000;
    if (failures.length > 0) throw new Error(`${failures.length} pipelines did not complete, e.g. ${failures[0]}`);
    const handOffs: number[] = [];
    const chain: Array<[StepKind, StepKind, string, string]> = [
      ['script', 'voice', 'script', 'voice'],
      ['voice', 'visual', 'voice', 'visual:0'],
      ['visual', 'assembly', 'visual:0', 'assembly'],
    ];
    for (const jobId of jobIds) {
      for (const [, , from, to] of chain) {
        const end = ended.get(`${jobId}:${from}`);
        const start = started.get(`${jobId}:${to}`);
        if (end !== undefined && start !== undefined) handOffs.push(start - end);
      }
    }
    handOffs.sort((first, second) => first - second);
    return {
      seconds: round(seconds, 2),
      pipelinesPerSecond: round(options.pipelines / seconds),
      handOffMs: {
        p50: round(percentile(handOffs, 0.5)),
        p95: round(percentile(handOffs, 0.95)),
        max: round(handOffs.at(-1) ?? Number.NaN),
        samples: handOffs.length,
      },
    };
  } finally {
    await engine.stop();
    await rm(artifactsRoot, { recursive: true, force: true });
  }
}

async function withDatabase<T>(use: (url: string, kind: EngineBenchResult['database']) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return use(process.env.DATABASE_URL, 'DATABASE_URL');
  const home = await mkdtemp(join(tmpdir(), 'looply-bench-postgres-'));
  // As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
  await chmod(home, 0o755);
  let embedded: EmbeddedPostgres | undefined;
  try {
    embedded = await startEmbeddedPostgres({
      home,
      port: await findFreePort(),
      database: 'looply_bench',
      settings: { max_connections: 200 },
    });
    return await use(embedded.url, 'embedded');
  } finally {
    await embedded?.stop();
    await rm(home, { recursive: true, force: true });
  }
}

function formatTable(result: EngineBenchResult): string {
  const rows: string[][] = [
    ['metric', 'value', 'goal', 'ratio (≥ 1 meets it)'],
    [
      'pipelines/s',
      String(result.engine.pipelinesPerSecond),
      `≥ ${round(result.goals.pipelinesPerSecond.goal)}`,
      `${result.goals.pipelinesPerSecond.ratio}x`,
    ],
    [
      'step hand-off p50',
      `${result.engine.handOffMs.p50} ms`,
      `< ${GOALS.handOffP50Ms} ms`,
      `${result.goals.handOffP50.ratio}x`,
    ],
    [
      'step hand-off p95',
      `${result.engine.handOffMs.p95} ms`,
      `< ${GOALS.handOffP95Ms} ms`,
      `${result.goals.handOffP95.ratio}x`,
    ],
    ['step hand-off max', `${result.engine.handOffMs.max} ms`, '', ''],
    ['raw pg-boss jobs/s', String(result.rawPgBoss.jobsPerSecond), 'baseline', ''],
    ['raw pg-boss send→work p50', `${result.rawPgBoss.sendToWorkMs.p50} ms`, 'baseline (polling)', ''],
    ['raw pg-boss send→work p95', `${result.rawPgBoss.sendToWorkMs.p95} ms`, 'baseline (polling)', ''],
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  const header =
    `Looply engine bench: ${result.pipelines} pipelines × 4 instant steps, ${result.concurrency} worker slots, ` +
    `${result.inFlight} pipelines in flight, database ${result.database}; raw pg-boss: ${result.rawPgBoss.jobs} jobs ` +
    `in ${result.rawPgBoss.seconds} s; engine: ${result.engine.seconds} s, ${result.engine.handOffMs.samples} hand-offs`;
  return `${header}\n\n${lines.join('\n')}\n`;
}

export async function runEngineBench(args: string[]): Promise<EngineBenchResult> {
  const { values } = parseArgs({
    args,
    options: {
      pipelines: { type: 'string' },
      concurrency: { type: 'string' },
      'in-flight': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  const options: BenchOptions = {
    pipelines: integerFlag('pipelines', values.pipelines, { min: 1, max: 100_000 }, 200) as number,
    concurrency: integerFlag('concurrency', values.concurrency, { min: 1, max: 256 }, 4) as number,
    inFlight: integerFlag('in-flight', values['in-flight'], { min: 1, max: 10_000 }),
    json: values.json ?? false,
  };
  const inFlight = options.inFlight ?? options.concurrency;
  const result = await withDatabase(async (url, database): Promise<EngineBenchResult> => {
    const rawPgBoss = await runRawPgBoss(url, options.pipelines * 4, options.concurrency);
    const engine = await runEngine(url, options, inFlight);
    const pipelinesGoal = rawPgBoss.jobsPerSecond * GOALS.pipelinesVersusRawJobsPerSecond;
    return {
      pipelines: options.pipelines,
      stepsPerPipeline: 4,
      concurrency: options.concurrency,
      inFlight,
      database,
      engine,
      rawPgBoss,
      goals: {
        handOffP50: {
          goalMs: GOALS.handOffP50Ms,
          ratio: round(GOALS.handOffP50Ms / engine.handOffMs.p50),
          met: engine.handOffMs.p50 < GOALS.handOffP50Ms,
        },
        handOffP95: {
          goalMs: GOALS.handOffP95Ms,
          ratio: round(GOALS.handOffP95Ms / engine.handOffMs.p95),
          met: engine.handOffMs.p95 < GOALS.handOffP95Ms,
        },
        pipelinesPerSecond: {
          goal: round(pipelinesGoal, 2),
          ratio: round(engine.pipelinesPerSecond / pipelinesGoal, 2),
          met: engine.pipelinesPerSecond >= pipelinesGoal,
        },
      },
    };
  });
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : formatTable(result));
  return result;
}
