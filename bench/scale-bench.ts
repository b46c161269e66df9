// `pnpm bench scale [--pipelines 400] [--delay 100] [--concurrency 8] [--workers 1,2,4|none] [--soak-jobs 2000] [--remote 5000] [--json]`
// Scale-out of the engine over worker *processes* sharing one Postgres: throughput with 1, 2 and 4
// workers whose providers wait like remote APIs (no CPU), then a soak with thousands of jobs in
// flight whose visual steps WAIT on a remote and finish by webhook, delivered to a server engine.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pg } from './scale/core-dependencies.js';
import {
  createEngine,
  LocalArtifactStore,
  ProviderRegistry,
  startEmbeddedPostgres,
  type Engine,
  type EmbeddedPostgres,
} from '../packages/core/src/index.js';
import { findFreePort } from '../packages/core/src/database/port-availability.js';
import { startWorkerProcesses, type WorkerProcesses } from './scale/worker-processes.js';
import { runSoak, type SoakResult } from './scale/soak.js';
import { PLACEHOLDER_KEY, WAITING_PROVIDER_ID, waitingProviders } from './scale/waiting-providers.js';

export interface ScaleContext {
  databaseUrl: string;
  artifactsRoot: string;
}

interface ThroughputRun {
  workers: number;
  seconds: number;
  pipelinesPerSecond: number;
  efficiency: number;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The "server": an engine without workers that submits jobs and takes webhooks, with the same providers. */
export async function startServerEngine(
  context: ScaleContext,
  schema: string,
  delayMs: number,
  remoteMs: number,
): Promise<Engine> {
  const artifacts = new LocalArtifactStore(context.artifactsRoot);
  const placeholder = await artifacts.put(PLACEHOLDER_KEY, Buffer.from('placeholder'), {
    contentType: 'application/octet-stream',
  });
  const registry = new ProviderRegistry();
  for (const provider of Object.values(waitingProviders(placeholder, { delayMs, longRunningVisualRemoteMs: remoteMs })))
    registry.register(provider);
  const engine = createEngine({
    databaseUrl: context.databaseUrl,
    schema,
    registry,
    artifacts,
    defaults: {
      script: WAITING_PROVIDER_ID,
      voice: WAITING_PROVIDER_ID,
      visual: WAITING_PROVIDER_ID,
      assembly: WAITING_PROVIDER_ID,
    },
  });
  await engine.start();
  return engine;
}

/** Submits `count` briefs with `parallel` submitters; returns the job ids. */
export async function submitMany(engine: Engine, count: number, parallel: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next += 1;
        ids.push((await engine.submit({ topic: `scale ${next}`, durationSec: 5 })).id);
      }
    }),
  );
  return ids;
}

/** Resolves when every job of the schema has ended; returns how many completed. */
export async function waitForAllEnded(
  client: pg.Client,
  schema: string,
  total: number,
  onTick?: () => Promise<void>,
): Promise<number> {
  for (;;) {
    const { rows } = await client.query<{ ended: string; completed: string }>(
      `select count(*) filter (where status in ('COMPLETED', 'FAILED', 'CANCELLED')) as ended, count(*) filter (where status = 'COMPLETED') as completed from "${schema}".video_job`,
    );
    if (Number(rows[0].ended) >= total) return Number(rows[0].completed);
    await onTick?.();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runThroughput(
  context: ScaleContext,
  workers: number,
  options: { pipelines: number; delayMs: number; concurrency: number },
): Promise<Omit<ThroughputRun, 'efficiency'>> {
  const schema = `bench_scale_${workers}_${randomBytes(3).toString('hex')}`;
  const server = await startServerEngine(context, schema, options.delayMs, 0);
  let processes: WorkerProcesses | undefined;
  const client = new pg.Client({ connectionString: context.databaseUrl });
  await client.connect();
  try {
    processes = await startWorkerProcesses(workers, {
      DATABASE_URL: context.databaseUrl,
      LOOPLY_SCHEMA: schema,
      ARTIFACTS_ROOT: context.artifactsRoot,
      DELAY_MS: String(options.delayMs),
      CONCURRENCY: String(options.concurrency),
    });
    const begin = performance.now();
    await submitMany(server, options.pipelines, 16);
    const completed = await waitForAllEnded(client, schema, options.pipelines);
    const seconds = (performance.now() - begin) / 1000;
    if (completed !== options.pipelines)
      throw new Error(
        `${options.pipelines - completed} of ${options.pipelines} pipelines did not complete with ${workers} workers`,
      );
    return { workers, seconds: round(seconds, 2), pipelinesPerSecond: round(options.pipelines / seconds) };
  } finally {
    await processes?.stop();
    await client.end();
    await server.stop();
  }
}

async function withDatabase<T>(use: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return use(process.env.DATABASE_URL);
  const home = await mkdtemp(join(tmpdir(), 'looply-bench-postgres-'));
  await chmod(home, 0o755);
  let embedded: EmbeddedPostgres | undefined;
  try {
    embedded = await startEmbeddedPostgres({
      home,
      port: await findFreePort(),
      database: 'looply_bench',
      settings: { max_connections: 300 },
    });
    return await use(embedded.url);
  } finally {
    await embedded?.stop();
    await rm(home, { recursive: true, force: true });
  }
}

export async function runScaleBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      pipelines: { type: 'string', default: '400' },
      delay: { type: 'string', default: '100' },
      concurrency: { type: 'string', default: '8' },
      'soak-jobs': { type: 'string', default: '2000' },
      remote: { type: 'string', default: '5000' },
      workers: { type: 'string', default: '1,2,4' },
      json: { type: 'boolean', default: false },
    },
  });
  const options = {
    pipelines: Number(values.pipelines),
    delayMs: Number(values.delay),
    concurrency: Number(values.concurrency),
  };
  const workerCounts = values.workers === 'none' ? [] : values.workers.split(',').map(Number);
  const artifactsRoot = await mkdtemp(join(tmpdir(), 'looply-bench-scale-'));
  try {
    const result = await withDatabase(async (databaseUrl) => {
      const context = { databaseUrl, artifactsRoot };
      const runs: ThroughputRun[] = [];
      for (const workers of workerCounts) {
        const run = await runThroughput(context, workers, options);
        const single = runs[0]?.pipelinesPerSecond ?? run.pipelinesPerSecond / run.workers;
        runs.push({ ...run, efficiency: round(run.pipelinesPerSecond / (single * run.workers), 2) });
        process.stderr.write(`${workers} worker(s): ${run.pipelinesPerSecond} pipelines/s\n`);
      }
      const soakJobs = Number(values['soak-jobs']);
      const soak: SoakResult | null =
        soakJobs > 0
          ? await runSoak(context, {
              jobs: soakJobs,
              remoteMs: Number(values.remote),
              delayMs: 20,
              workers: 2,
              concurrency: 16,
            })
          : null;
      return { settings: { ...options, workerCounts }, runs, soak };
    });
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(formatTable(result.runs, result.soak, options));
  } finally {
    await rm(artifactsRoot, { recursive: true, force: true });
  }
}

function formatTable(
  runs: ThroughputRun[],
  soak: SoakResult | null,
  options: { pipelines: number; delayMs: number; concurrency: number },
): string {
  const lines = [
    `${options.pipelines} pipelines per run, every provider call waits ${options.delayMs} ms, concurrency ${options.concurrency} per worker process`,
    '| workers | seconds | pipelines/s | scaling efficiency |',
    '|---|---|---|---|',
    ...runs.map(
      (run) =>
        `| ${run.workers} | ${run.seconds} | ${run.pipelinesPerSecond} | ${Math.round(run.efficiency * 100)} % |`,
    ),
  ];
  if (soak) {
    lines.push(
      '',
      `soak: ${soak.jobs} jobs, 2 workers, visuals WAIT on a remote until all jobs are in flight (and ≥ ${soak.remoteMs / 1000} s), then finish by webhook (${soak.webhooks} delivered to the server engine)`,
      '| metric | value |',
      '|---|---|',
      `| jobs in flight at once (max) | ${soak.maxInFlight} |`,
      `| visual steps WAITING at once (max) | ${soak.maxWaiting} |`,
      `| step hand-off p50 / p95 (all steps) | ${soak.handOffMs.p50} ms / ${soak.handOffMs.p95} ms |`,
      `| webhook → assembly start p50 / p95 | ${soak.webhookToAssemblyMs.p50} ms / ${soak.webhookToAssemblyMs.p95} ms |`,
      `| server RSS (max) | ${soak.serverRssMaxMiB} MiB |`,
      `| Postgres connections (max) | ${soak.maxConnections} |`,
      `| jobs COMPLETED / job-end events per job | ${soak.completed} of ${soak.jobs} / exactly once: ${soak.endedExactlyOnce} |`,
      `| step runs with more than one attempt | ${soak.stepsRetried} |`,
      `| total time | ${soak.seconds} s |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
