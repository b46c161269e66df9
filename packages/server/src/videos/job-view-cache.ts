import { isTerminalJobStatus, type Engine, type JobView } from '@looply/core';
import type Logger from 'bunyan';

interface Entry {
  view: Promise<JobView | null>;
  expiresAt: number;
  unsubscribe?: Promise<() => Promise<void>>;
}

export interface JobViewCacheOptions {
  /** How long an unfinished job's view is reused when no event says it changed. */
  runningTtlMs: number;
  /** How long a finished job's view is reused (it only changes by deletion). */
  finishedTtlMs: number;
  /** Most jobs kept at once (oldest dropped first). */
  maxEntries: number;
}

/**
 * Reads of one job shared by concurrent and repeated requests (clients poll `GET /videos/:id`).
 * Every cached job is subscribed to (engine.subscribe: Postgres NOTIFY, so changes made by workers
 * in any process count): any event of the job drops its entry at once. The TTLs only bound how long a
 * missed notification or a deletion by another server process can go unseen.
 */
export class JobViewCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly engine: Engine,
    private readonly options: JobViewCacheOptions,
    private readonly logger: Logger,
  ) {}

  get(jobId: string): Promise<JobView | null> {
    const now = Date.now();
    const cached = this.entries.get(jobId);
    if (cached && cached.expiresAt > now) return cached.view;
    if (cached) this.drop(jobId);
    const entry: Entry = { view: Promise.resolve(null), expiresAt: now + this.options.runningTtlMs };
    // Subscribe first: an event between the read and the subscription must still drop the entry.
    entry.unsubscribe = this.engine.subscribe(jobId, () => this.drop(jobId));
    entry.unsubscribe.catch((error: unknown) => {
      this.logger.debug({ err: error, jobId }, 'could not subscribe to a cached job');
      this.drop(jobId);
    });
    entry.view = entry.unsubscribe
      .then(() => this.engine.get(jobId))
      .then(
        (view) => {
          if (view && isTerminalJobStatus(view.status) && this.entries.get(jobId) === entry)
            entry.expiresAt = Date.now() + this.options.finishedTtlMs;
          if (!view) this.drop(jobId);
          return view;
        },
        (error: unknown) => {
          this.drop(jobId);
          throw error;
        },
      );
    this.entries.set(jobId, entry);
    if (this.entries.size > this.options.maxEntries) this.drop(this.entries.keys().next().value as string);
    return entry.view;
  }

  /** Forgets a job (after this process changed it: cancel, delete). */
  drop(jobId: string): void {
    const entry = this.entries.get(jobId);
    if (!entry) return;
    this.entries.delete(jobId);
    void entry.unsubscribe?.then((unsubscribe) => unsubscribe()).catch(() => undefined);
  }

  clear(): void {
    for (const jobId of [...this.entries.keys()]) this.drop(jobId);
  }
}
