import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { ServerDatabase } from '../persistence/server-database.js';

interface Counter {
  /** Hits in the shared table at the last reconciliation (every process's). */
  shared: number;
  /** Hits counted here since then. */
  pending: number;
  resetTime: Date;
}

/**
 * An express-rate-limit store that counts in memory and reconciles with the shared Postgres table in
 * batches (decision 0011): a request costs no database round trip; every `flushIntervalMs` one
 * statement adds each key's pending hits to the table and brings back the total all processes
 * counted. Within a process the count is exact; hits of other processes are seen at most one
 * interval late, so a client spread over P processes can pass the limit by at most what it sends
 * to the other P − 1 processes in one interval. Used for the global limit only: the login and
 * password failure limits stay exact (`PostgresRateLimitStore`).
 */
export class BatchedRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly database: ServerDatabase,
    private readonly options: { prefix: string; flushIntervalMs: number; onError?: (error: unknown) => void },
  ) {
    this.prefix = options.prefix;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs).unref();
  }

  private counter(key: string): Counter {
    const now = Date.now();
    let counter = this.counters.get(key);
    if (!counter || counter.resetTime.getTime() <= now) {
      // A new window here; the next reconciliation adopts the shared window if another process opened it first.
      counter = { shared: 0, pending: 0, resetTime: new Date(now + this.windowMs) };
      this.counters.set(key, counter);
    }
    return counter;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const counter = this.counter(key);
    counter.pending++;
    return { totalHits: counter.shared + counter.pending, resetTime: counter.resetTime };
  }

  async decrement(key: string): Promise<void> {
    this.counter(key).pending--;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const counter = this.counters.get(key);
    if (!counter || counter.resetTime.getTime() <= Date.now()) return undefined;
    return { totalHits: counter.shared + counter.pending, resetTime: counter.resetTime };
  }

  async resetKey(key: string): Promise<void> {
    this.counters.delete(key);
    await this.database.query(`delete from ${this.database.table('rate_limit_counter')} where "key" = $1`, [
      this.prefix + key,
    ]);
  }

  async resetAll(): Promise<void> {
    this.counters.clear();
    await this.database.query(`delete from ${this.database.table('rate_limit_counter')} where starts_with("key", $1)`, [
      this.prefix,
    ]);
  }

  /** Sends every key's pending hits in one statement and adopts the shared totals; one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.reconcile()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async reconcile(): Promise<void> {
    const now = Date.now();
    const batch: Array<[string, Counter, number]> = [];
    // Live keys with nothing pending are sent too (0 hits): they learn what the other processes counted.
    for (const [key, counter] of this.counters) {
      if (counter.pending !== 0 || counter.resetTime.getTime() > now) batch.push([key, counter, counter.pending]);
      else this.counters.delete(key);
    }
    if (batch.length === 0) return;
    for (const [, counter, sent] of batch) counter.pending -= sent;
    try {
      const { rows } = await this.database.query<{ key: string; hits: number; reset_at: Date | string }>(
        `insert into ${this.database.table('rate_limit_counter')} as counter ("key", "hits", "reset_at")
           select batch.key, greatest(batch.hits, 0), now() + $3 * interval '1 millisecond' from unnest($1::text[], $2::int[]) as batch(key, hits)
         on conflict ("key") do update set
           "hits" = case when counter."reset_at" <= now() then excluded."hits" else greatest(counter."hits" + excluded."hits", 0) end,
           "reset_at" = case when counter."reset_at" <= now() then excluded."reset_at" else counter."reset_at" end
         returning "key", "hits", "reset_at"`,
        [batch.map(([key]) => this.prefix + key), batch.map(([, , sent]) => sent), this.windowMs],
      );
      const totals = new Map(rows.map((row) => [row.key, row]));
      for (const [key, counter] of batch) {
        const total = totals.get(this.prefix + key);
        if (!total || this.counters.get(key) !== counter) continue;
        counter.shared = total.hits;
        counter.resetTime = new Date(total.reset_at);
      }
    } catch (error) {
      // Not lost: counted again with the next batch.
      for (const [, counter, sent] of batch) counter.pending += sent;
      throw error;
    }
  }

  /** Stops the timer after a last reconciliation. */
  async shutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
