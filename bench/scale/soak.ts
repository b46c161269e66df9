// The soak of `pnpm bench scale`: thousands of jobs in flight at once over two worker processes,
// their visual steps WAITING on a remote that holds them until every job is in, and at least
// `remoteMs`; the "remote" then delivers a webhook to the server engine (this process), which
// confirms with doStatus and settles the step.
import { randomBytes } from 'node:crypto';
import { pg } from './core-dependencies.js';
import { notificationChannelsFor } from '../../packages/core/src/events/notification-channels.js';
import { startServerEngine, submitMany, waitForAllEnded, type ScaleContext } from '../scale-bench.js';
import { WAITING_PROVIDER_ID } from './waiting-providers.js';
import { startWorkerProcesses } from './worker-processes.js';

export interface SoakResult {
  jobs: number;
  remoteMs: number;
  seconds: number;
  webhooks: number;
  maxInFlight: number;
  maxWaiting: number;
  handOffMs: { p50: number; p95: number };
  webhookToAssemblyMs: { p50: number; p95: number };
  serverRssMaxMiB: number;
  maxConnections: number;
  completed: number;
  endedExactlyOnce: boolean;
  stepsRetried: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function runSoak(
  context: ScaleContext,
  options: { jobs: number; remoteMs: number; delayMs: number; workers: number; concurrency: number },
): Promise<SoakResult> {
  const schema = `bench_soak_${randomBytes(3).toString('hex')}`;
  const server = await startServerEngine(context, schema, options.delayMs, options.remoteMs);
  const client = new pg.Client({ connectionString: context.databaseUrl });
  const listener = new pg.Client({ connectionString: context.databaseUrl });
  // The sampler runs on a timer, beside the remote's queries: a connection of its own.
  const samplerClient = new pg.Client({ connectionString: context.databaseUrl });
  await client.connect();
  await listener.connect();
  await samplerClient.connect();
  // Every job-end event the engine publishes, counted per job (NOTIFY reaches every listener).
  const jobEnds = new Map<string, number>();
  listener.on('notification', (message) => {
    const event = JSON.parse(message.payload ?? '{}') as { type?: string; jobId?: string; status?: string };
    if (event.type === 'job-end' && event.jobId) jobEnds.set(event.jobId, (jobEnds.get(event.jobId) ?? 0) + 1);
  });
  await listener.query(`listen "${notificationChannelsFor(schema).events}"`);
  const processes = await startWorkerProcesses(options.workers, {
    DATABASE_URL: context.databaseUrl,
    LOOPLY_SCHEMA: schema,
    ARTIFACTS_ROOT: context.artifactsRoot,
    DELAY_MS: String(options.delayMs),
    REMOTE_MS: String(options.remoteMs),
    CONCURRENCY: String(options.concurrency),
  });
  const delivered = new Set<string>();
  let maxInFlight = 0;
  let maxWaiting = 0;
  let maxConnections = 0;
  let serverRssMax = 0;
  let lastReport = Date.now();
  const sample = async (): Promise<void> => {
    const { rows } = await samplerClient.query<{ in_flight: string; waiting: string; connections: string }>(
      `select (select count(*) from "${schema}".video_job where status not in ('COMPLETED', 'FAILED', 'CANCELLED')) as in_flight,
              (select count(*) from "${schema}".step_run where step = 'visual' and status = 'WAITING') as waiting,
              (select count(*) from pg_stat_activity where datname = current_database()) as connections`,
    );
    maxInFlight = Math.max(maxInFlight, Number(rows[0].in_flight));
    maxWaiting = Math.max(maxWaiting, Number(rows[0].waiting));
    maxConnections = Math.max(maxConnections, Number(rows[0].connections));
    serverRssMax = Math.max(serverRssMax, process.memoryUsage().rss);
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      process.stderr.write(
        `soak: ${rows[0].in_flight} jobs in flight, ${rows[0].waiting} visuals waiting, ${delivered.size} webhooks delivered\n`,
      );
    }
  };
  // The remote holds every operation until all jobs are in flight with their visual WAITING
  // (the soak's point), and at least `remoteMs`; then it calls the server back, once each.
  let released = false;
  const deliverDue = async (): Promise<void> => {
    if (!released) {
      const { rows: counts } = await client.query<{ waiting: string }>(
        `select count(*) as waiting from "${schema}".step_run where step = 'visual' and status = 'WAITING'`,
      );
      released = Number(counts[0].waiting) >= options.jobs;
      if (!released) return;
      process.stderr.write(
        `soak: all ${options.jobs} jobs in flight with their visual WAITING; the remote starts calling back\n`,
      );
    }
    const { rows } = await client.query<{ external_id: string }>(
      `select external_id from "${schema}".step_run
       where step = 'visual' and status = 'WAITING' and (operation->>'startedAt')::bigint + $1 <= $2`,
      [options.remoteMs, Date.now()],
    );
    const due = rows.map((row) => row.external_id).filter((id) => !delivered.has(id));
    for (const id of due) delivered.add(id);
    for (let start = 0; start < due.length; start += 32) {
      await Promise.all(
        due.slice(start, start + 32).map((externalId) =>
          server.handleWebhook(WAITING_PROVIDER_ID, {
            headers: {},
            query: {},
            body: Buffer.from(JSON.stringify({ externalId, status: 'completed' })),
          }),
        ),
      );
    }
  };
  const sampler = setInterval(() => void sample().catch(() => undefined), 500);
  try {
    const begin = performance.now();
    const submitting = submitMany(server, options.jobs, 32);
    let lastDelivery = 0;
    const tick = async (): Promise<void> => {
      if (performance.now() - lastDelivery < 250) return;
      lastDelivery = performance.now();
      await deliverDue();
    };
    // Deliver while submitting too: the first operations finish before the last jobs are in.
    const delivering = (async () => {
      while (delivered.size < options.jobs) {
        await tick();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await submitting;
    const completed = await waitForAllEnded(client, schema, options.jobs);
    await delivering;
    const seconds = (performance.now() - begin) / 1000;
    await sample();
    const handOffs = await client.query<{ p50: number; p95: number }>(
      `with ordered as (
         select job_id, step, finished_at, attempt_started_at from "${schema}".step_run
       ),
       pairs as (
         select extract(epoch from (b.attempt_started_at - a.finished_at)) * 1000 as ms, b.step as next_step
         from ordered a join ordered b on a.job_id = b.job_id
         and ((a.step = 'script' and b.step = 'voice') or (a.step = 'voice' and b.step = 'visual') or (a.step = 'visual' and b.step = 'assembly'))
       )
       select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.95) within group (order by ms) as p95,
              percentile_cont(0.5) within group (order by ms) filter (where next_step = 'assembly') as assembly_p50,
              percentile_cont(0.95) within group (order by ms) filter (where next_step = 'assembly') as assembly_p95
       from pairs`,
    );
    const row = handOffs.rows[0] as unknown as { p50: number; p95: number; assembly_p50: number; assembly_p95: number };
    const retried = await client.query<{ count: string }>(
      `select count(*) from "${schema}".step_run where attempt <> 1`,
    );
    const ids = (await client.query<{ id: string }>(`select id from "${schema}".video_job`)).rows.map(
      (each) => each.id,
    );
    return {
      jobs: options.jobs,
      remoteMs: options.remoteMs,
      seconds: round(seconds),
      webhooks: delivered.size,
      maxInFlight,
      maxWaiting,
      handOffMs: { p50: round(row.p50), p95: round(row.p95) },
      webhookToAssemblyMs: { p50: round(row.assembly_p50), p95: round(row.assembly_p95) },
      serverRssMaxMiB: Math.round(serverRssMax / 2 ** 20),
      maxConnections,
      completed,
      endedExactlyOnce: ids.length === options.jobs && ids.every((id) => jobEnds.get(id) === 1),
      stepsRetried: Number(retried.rows[0].count),
    };
  } finally {
    clearInterval(sampler);
    await processes.stop();
    await listener.end();
    await samplerClient.end();
    await client.end();
    await server.stop();
  }
}
