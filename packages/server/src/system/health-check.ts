import type { ServerDatabase } from '../persistence/server-database.js';
import { countLiveWorkers } from './worker-heartbeat.js';
import { z } from 'zod';

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ reachable: z.boolean() }),
  queue: z.object({ reachable: z.boolean() }),
  workers: z.object({ live: z.number().int(), concurrency: z.number().int() }),
  checkedAt: z.iso.datetime(),
});

export type HealthReport = z.infer<typeof healthResponseSchema>;

/**
 * Database reachable, queue reachable (the engine's pg-boss schema answers),
 * live workers from heartbeats. Answers are reused for `cacheMs` so probes and load cost little.
 */
export class HealthCheck {
  private cached: { report: HealthReport; at: number } | undefined;
  private running: Promise<HealthReport> | undefined;

  constructor(
    private readonly database: ServerDatabase,
    /** pg-boss schema of the engine's step queues. */
    private readonly queueSchema: string,
    private readonly cacheMs: number,
  ) {}

  async report(): Promise<HealthReport> {
    if (this.cached && Date.now() - this.cached.at < this.cacheMs) return this.cached.report;
    this.running ??= this.check().finally(() => (this.running = undefined));
    return this.running;
  }

  private async check(): Promise<HealthReport> {
    const database = await this.database.query('select 1').then(
      () => true,
      () => false,
    );
    const queue = database
      ? await this.database.query(`select 1 from "${this.queueSchema}"."version"`).then(
          () => true,
          () => false,
        )
      : false;
    const workers = database
      ? await countLiveWorkers(this.database).catch(() => ({ workers: 0, concurrency: 0 }))
      : { workers: 0, concurrency: 0 };
    const report: HealthReport = {
      status: database && queue ? 'ok' : 'degraded',
      database: { reachable: database },
      queue: { reachable: queue },
      workers: { live: workers.workers, concurrency: workers.concurrency },
      checkedAt: new Date().toISOString(),
    };
    this.cached = { report, at: Date.now() };
    return report;
  }
}
