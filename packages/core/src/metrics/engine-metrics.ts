import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { STEP_KINDS } from '../domain/brief.js';
import type { JobEndEvent, StepEndEvent } from '../events/job-event.js';
import type { EngineEventEmitter } from '../events/typed-event-emitter.js';
import { databaseSchemaNameSchema, DEFAULT_DATABASE_SCHEMA } from '../persistence/database-schema-name.js';
import type { SqlQuery } from '../persistence/raw-sql.js';

/** Step durations run from sub-second local steps to half-hour GPU renders. */
export const STEP_DURATION_BUCKETS_SECONDS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

export interface EngineMetricsOptions {
  /** The engine's in-process events (`engine.events`): each process counts the steps it ran. */
  events: EngineEventEmitter;
  /** One SQL statement on a pool: the gauges read the engine's tables at scrape time (cluster-wide). */
  query: SqlQuery;
  /** The engine's Postgres schema. Default `looply`. */
  schema?: string;
  /** Where to register; default a new registry. */
  registry?: Registry;
}

export interface EngineMetrics {
  readonly registry: Registry;
  /** Stops listening to the engine's events. */
  close(): void;
}

/**
 * Prometheus metrics of the pipeline: counters and histograms from the engine's events (steps,
 * errors, retries, cost, finished jobs) and gauges queried from its tables at each scrape (jobs
 * by status and providers, queue depth, oldest queued step, dead letters).
 */
export function createEngineMetrics(options: EngineMetricsOptions): EngineMetrics {
  const registry = options.registry ?? new Registry();
  const schema = databaseSchemaNameSchema.parse(options.schema ?? DEFAULT_DATABASE_SCHEMA);
  const table = (name: string) => `"${schema}"."${name}"`;
  const { query } = options;
  const registers = [registry];

  const stepDuration = new Histogram({
    name: 'looply_step_duration_seconds',
    help: 'How long a step attempt ran in this process, by step, provider and outcome',
    labelNames: ['step', 'provider', 'status'] as const,
    buckets: STEP_DURATION_BUCKETS_SECONDS,
    registers,
  });
  const providerErrors = new Counter({
    name: 'looply_provider_errors_total',
    help: 'Failed step attempts, by step, provider and error code',
    labelNames: ['step', 'provider', 'code'] as const,
    registers,
  });
  const retries = new Counter({
    name: 'looply_step_retries_total',
    help: 'Step attempts that failed and were scheduled again',
    labelNames: ['step', 'provider'] as const,
    registers,
  });
  const cost = new Counter({
    name: 'looply_cost_usd_total',
    help: 'Provider cost in US dollars of completed steps, by step and provider',
    labelNames: ['step', 'provider'] as const,
    registers,
  });
  const jobsFinished = new Counter({
    name: 'looply_jobs_finished_total',
    help: 'Jobs this process finished, by final status',
    labelNames: ['status'] as const,
    registers,
  });

  new Gauge({
    name: 'looply_jobs',
    help: 'Jobs in the database by status and by the provider of each step',
    labelNames: ['status', 'script_provider', 'voice_provider', 'visual_provider', 'assembly_provider'] as const,
    registers,
    async collect() {
      const { rows } = await query<{
        status: string;
        script: string;
        voice: string;
        visual: string;
        assembly: string;
        jobs: string;
      }>(
        `select "status", "providers"->>'script' as "script", "providers"->>'voice' as "voice", "providers"->>'visual' as "visual",
                "providers"->>'assembly' as "assembly", count(*) as "jobs"
           from ${table('video_job')} group by 1, 2, 3, 4, 5`,
      );
      this.reset();
      for (const row of rows) {
        this.set(
          {
            status: row.status,
            script_provider: row.script,
            voice_provider: row.voice,
            visual_provider: row.visual,
            assembly_provider: row.assembly,
          },
          Number(row.jobs),
        );
      }
    },
  });

  // One query feeds both queue gauges; the second collect reads what the first fetched.
  let queued: Promise<Map<string, { depth: number; ageSeconds: number }>> | undefined;
  const readQueues = () => {
    queued ??= query<{ step: string; depth: string; age: number | string }>(
      `select "step", count(*) as "depth", extract(epoch from now() - min("updated_at")) as "age"
         from ${table('step_run')} where "status" = 'PENDING' group by "step"`,
    )
      .then(
        ({ rows }) =>
          new Map(
            rows.map((row) => [row.step, { depth: Number(row.depth), ageSeconds: Math.max(0, Number(row.age)) }]),
          ),
      )
      .finally(() => setImmediate(() => (queued = undefined)));
    return queued;
  };
  new Gauge({
    name: 'looply_queue_depth',
    help: 'Steps queued and not yet claimed by a worker, by step',
    labelNames: ['step'] as const,
    registers,
    async collect() {
      const queues = await readQueues();
      for (const step of STEP_KINDS) this.set({ step }, queues.get(step)?.depth ?? 0);
    },
  });
  new Gauge({
    name: 'looply_oldest_waiting_step_age_seconds',
    help: 'Age of the oldest queued step since it was queued (or re-queued for a retry), by step; 0 when none waits',
    labelNames: ['step'] as const,
    registers,
    async collect() {
      const queues = await readQueues();
      for (const step of STEP_KINDS) this.set({ step }, queues.get(step)?.ageSeconds ?? 0);
    },
  });
  new Gauge({
    name: 'looply_dead_letter_jobs',
    help: 'Failed jobs waiting in the dead-letter queue (engine.retry takes them out)',
    registers,
    async collect() {
      const { rows } = await query<{ jobs: string }>(
        `select count(*) as "jobs" from ${table('video_job')} where "dead_letter_queue_job_id" is not null`,
      );
      this.set(Number(rows[0]?.jobs ?? 0));
    },
  });

  const onStepEnd = (event: StepEndEvent) => {
    const labels = { step: event.step, provider: event.provider };
    if (event.durationMs !== undefined)
      stepDuration.observe({ ...labels, status: event.status }, event.durationMs / 1000);
    if (event.error && (event.status === 'RETRYING' || event.status === 'FAILED'))
      providerErrors.inc({ ...labels, code: event.error.code ?? 'unknown' });
    if (event.status === 'RETRYING') retries.inc(labels);
    if (event.status === 'COMPLETED') cost.inc(labels, event.usage?.costUsd ?? 0);
  };
  const onJobEnd = (event: JobEndEvent) => jobsFinished.inc({ status: event.status });
  options.events.on('step-end', onStepEnd);
  options.events.on('job-end', onJobEnd);

  return {
    registry,
    close() {
      options.events.off('step-end', onStepEnd);
      options.events.off('job-end', onJobEnd);
    },
  };
}
