import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { ServerDatabase } from '../persistence/server-database.js';

interface Waiter {
  resolve(info: ClientRateLimitInfo): void;
  reject(error: unknown): void;
}

const CLEANUP_INTERVAL_MS = 60_000;

/**
 * An express-rate-limit store on a Postgres table shared by every server process: fixed windows,
 * one atomic upsert per increment. Increments of one key that arrive while that key's statement is
 * running are coalesced into the next statement (`hits + n`), and each caller gets its own exact
 * count, so a busy client costs one round trip at a time instead of one per request.
 */
export class PostgresRateLimitStore implements Store {
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;
  private readonly pending = new Map<string, Waiter[]>();
  private readonly running = new Set<string>();
  private cleanupTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: ServerDatabase,
    options: { prefix: string },
  ) {
    this.prefix = options.prefix;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
    this.cleanupTimer ??= setInterval(
      () => void this.deleteExpired().catch(() => undefined),
      CLEANUP_INTERVAL_MS,
    ).unref();
  }

  increment(key: string): Promise<ClientRateLimitInfo> {
    const fullKey = this.prefix + key;
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(fullKey);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(fullKey, [{ resolve, reject }]);
      if (!this.running.has(fullKey)) void this.flush(fullKey);
    });
  }

  private async flush(fullKey: string): Promise<void> {
    const waiters = this.pending.get(fullKey);
    if (!waiters) return;
    this.pending.delete(fullKey);
    this.running.add(fullKey);
    try {
      const { rows } = await this.database.query<{ hits: number; reset_at: Date | string }>(
        `insert into ${this.database.table('rate_limit_counter')} as counter ("key", "hits", "reset_at")
           values ($1, $2, now() + $3 * interval '1 millisecond')
         on conflict ("key") do update set
           "hits" = case when counter."reset_at" <= now() then excluded."hits" else counter."hits" + excluded."hits" end,
           "reset_at" = case when counter."reset_at" <= now() then excluded."reset_at" else counter."reset_at" end
         returning "hits", "reset_at"`,
        [fullKey, waiters.length, this.windowMs],
      );
      const hits = rows[0].hits;
      // The ORM's pg types leave timestamps as strings.
      const resetTime = new Date(rows[0].reset_at);
      const first = hits - waiters.length + 1;
      waiters.forEach((waiter, index) => waiter.resolve({ totalHits: first + index, resetTime }));
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
    } finally {
      this.running.delete(fullKey);
      if (this.pending.has(fullKey)) void this.flush(fullKey);
    }
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { rows } = await this.database.query<{ hits: number; reset_at: Date | string }>(
      `select "hits", "reset_at" from ${this.database.table('rate_limit_counter')} where "key" = $1 and "reset_at" > now()`,
      [this.prefix + key],
    );
    return rows[0] ? { totalHits: rows[0].hits, resetTime: new Date(rows[0].reset_at) } : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.database.query(
      `update ${this.database.table('rate_limit_counter')} set "hits" = greatest("hits" - 1, 0) where "key" = $1 and "reset_at" > now()`,
      [this.prefix + key],
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.database.query(`delete from ${this.database.table('rate_limit_counter')} where "key" = $1`, [
      this.prefix + key,
    ]);
  }

  async resetAll(): Promise<void> {
    await this.database.query(`delete from ${this.database.table('rate_limit_counter')} where starts_with("key", $1)`, [
      this.prefix,
    ]);
  }

  shutdown(): void {
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    this.cleanupTimer = undefined;
  }

  private async deleteExpired(): Promise<void> {
    await this.database.query(
      `delete from ${this.database.table('rate_limit_counter')} where starts_with("key", $1) and "reset_at" < now()`,
      [this.prefix],
    );
  }
}
