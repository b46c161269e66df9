import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Logger from 'bunyan';
import type { ServerDatabase } from '../persistence/server-database.js';

/** A worker counts as alive while its last heartbeat is younger than this many intervals. */
export const HEARTBEAT_LIVENESS_INTERVALS = 3;
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * A row per worker process (`looply serve` with workers, `looply worker`) refreshed every interval,
 * so `/health` can count live workers across machines. Deleted on a clean stop.
 */
export class WorkerHeartbeat {
  readonly id = randomUUID();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: ServerDatabase,
    private readonly options: { concurrency: number; intervalMs?: number; logger: Logger },
  ) {}

  async start(): Promise<void> {
    await this.database.query(
      `insert into ${this.database.table('worker_heartbeat')} ("id", "hostname", "pid", "concurrency") values ($1, $2, $3, $4)`,
      [this.id, hostname(), process.pid, this.options.concurrency],
    );
    this.timer = setInterval(() => void this.beat(), this.options.intervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    try {
      const intervalMs = this.options.intervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
      await this.database.query(
        `update ${this.database.table('worker_heartbeat')} set "last_seen_at" = now() where "id" = $1`,
        [this.id],
      );
      // Rows of workers that died without a clean stop.
      await this.database.query(
        `delete from ${this.database.table('worker_heartbeat')} where "last_seen_at" < now() - $1 * interval '1 millisecond'`,
        [intervalMs * HEARTBEAT_LIVENESS_INTERVALS * 10],
      );
    } catch (error) {
      this.options.logger.warn({ err: error }, 'worker heartbeat failed');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.database
      .query(`delete from ${this.database.table('worker_heartbeat')} where "id" = $1`, [this.id])
      .catch(() => undefined);
  }
}

/** Live workers and the steps they can run at once. */
export async function countLiveWorkers(
  database: ServerDatabase,
  intervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS,
): Promise<{ workers: number; concurrency: number }> {
  const { rows } = await database.query<{ workers: string; concurrency: string | null }>(
    `select count(*) as workers, sum("concurrency") as concurrency from ${database.table('worker_heartbeat')}
      where "last_seen_at" > now() - $1 * interval '1 millisecond'`,
    [intervalMs * HEARTBEAT_LIVENESS_INTERVALS],
  );
  return { workers: Number(rows[0]?.workers ?? 0), concurrency: Number(rows[0]?.concurrency ?? 0) };
}
