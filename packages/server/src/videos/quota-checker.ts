import type { Engine } from '@looply/core';
import type { ServerSettings } from '../config/server-settings.js';
import { HttpError } from '../app/http-error.js';
import type { QuotaUsage } from './usage-schema.js';
import type { ServerDatabase, ServerTransaction } from '../persistence/server-database.js';

const UNFINISHED = ['PENDING', 'RUNNING', 'WAITING'] as const;
/** How soon a client blocked by the concurrent-jobs quota should look again. */
const CONCURRENT_RETRY_AFTER_SECONDS = 30;

function secondsUntilUtcMidnight(now: Date): number {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}

/**
 * Per-user quotas on video creation: unfinished jobs at once (429), videos and seconds per UTC day
 * (429 until midnight UTC), and a single video longer than the daily seconds (403: it can never fit).
 * Runs inside the caller's per-user locked transaction, so two requests cannot both take the last slot.
 */
export class QuotaChecker {
  constructor(
    private readonly database: ServerDatabase,
    private readonly engine: Engine,
    private readonly quotas: ServerSettings['quotas'],
  ) {}

  /** The server's quotas with the user's overrides (set by an operator) applied. */
  async limitsFor(query: ServerTransaction['query'], userId: string): Promise<ServerSettings['quotas']> {
    const { rows } = await query<{
      quota_concurrent_jobs: number | null;
      quota_videos_per_day: number | null;
      quota_seconds_per_day: number | null;
    }>(
      `select quota_concurrent_jobs, quota_videos_per_day, quota_seconds_per_day from ${this.database.table('user_account')} where id = $1`,
      [userId],
    );
    const row = rows[0];
    return {
      concurrentJobs: row?.quota_concurrent_jobs ?? this.quotas.concurrentJobs,
      videosPerDay: row?.quota_videos_per_day ?? this.quotas.videosPerDay,
      secondsPerDay: row?.quota_seconds_per_day ?? this.quotas.secondsPerDay,
    };
  }

  async check(transaction: ServerTransaction, userId: string, durationSec: number): Promise<void> {
    const quotas = await this.limitsFor(transaction.query, userId);
    if (durationSec > quotas.secondsPerDay) {
      throw new HttpError(
        403,
        'quota-exceeded',
        `A ${durationSec} s video exceeds your allowance of ${quotas.secondsPerDay} s of video per day`,
      );
    }
    await this.refuseWhenBusy(userId, quotas.concurrentJobs);
    const { rows } = await transaction.query<{ videos: string; seconds: string | null }>(
      `select count(*) as videos, sum("duration_sec") as seconds from ${this.database.table('video_usage')}
        where "owner_id" = $1 and "created_at" >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'`,
      [userId],
    );
    const videosToday = Number(rows[0]?.videos ?? 0);
    const secondsToday = Number(rows[0]?.seconds ?? 0);
    const retryAfter = { 'Retry-After': String(secondsUntilUtcMidnight(new Date())) };
    if (videosToday >= quotas.videosPerDay) {
      throw new HttpError(
        429,
        'quota-daily-videos',
        `You have created ${videosToday} videos today, the daily limit is ${quotas.videosPerDay}; it resets at 00:00 UTC`,
        undefined,
        retryAfter,
      );
    }
    if (secondsToday + durationSec > quotas.secondsPerDay) {
      throw new HttpError(
        429,
        'quota-daily-seconds',
        `This ${durationSec} s video would bring today's total to ${secondsToday + durationSec} s, the daily limit is ${quotas.secondsPerDay} s; it resets at 00:00 UTC`,
        undefined,
        retryAfter,
      );
    }
  }

  /**
   * The unfinished-jobs limit alone (429). A retry of a failed video checks only this: the video was
   * already counted against the day's videos and seconds when it was created.
   */
  async checkConcurrent(transaction: ServerTransaction, userId: string): Promise<void> {
    await this.refuseWhenBusy(userId, (await this.limitsFor(transaction.query, userId)).concurrentJobs);
  }

  private async refuseWhenBusy(userId: string, concurrentJobs: number): Promise<void> {
    const counts = await Promise.all(
      UNFINISHED.map((status) => this.engine.list({ ownerId: userId, status, pageSize: 1 })),
    );
    const unfinished = counts.reduce((total, page) => total + page.total, 0);
    if (unfinished >= concurrentJobs) {
      throw new HttpError(
        429,
        'quota-concurrent-jobs',
        `You already have ${unfinished} unfinished video(s), the most allowed at once is ${concurrentJobs}; wait for one to finish or cancel one`,
        undefined,
        { 'Retry-After': String(CONCURRENT_RETRY_AFTER_SECONDS) },
      );
    }
  }

  /** What the user has used today against their limits (the studio's "quota left"). */
  async usageOf(userId: string): Promise<QuotaUsage> {
    const limits = await this.limitsFor((text, values) => this.database.query(text, values), userId);
    const counts = await Promise.all(
      UNFINISHED.map((status) => this.engine.list({ ownerId: userId, status, pageSize: 1 })),
    );
    const { rows } = await this.database.query<{ videos: string; seconds: string | null }>(
      `select count(*) as videos, sum("duration_sec") as seconds from ${this.database.table('video_usage')}
        where "owner_id" = $1 and "created_at" >= date_trunc('day', now() at time zone 'utc') at time zone 'utc'`,
      [userId],
    );
    const now = new Date();
    return {
      limits,
      used: {
        unfinishedJobs: counts.reduce((total, page) => total + page.total, 0),
        videosToday: Number(rows[0]?.videos ?? 0),
        secondsToday: Number(rows[0]?.seconds ?? 0),
      },
      resetsAt: new Date(now.getTime() + secondsUntilUtcMidnight(now) * 1000).toISOString(),
    };
  }

  async record(transaction: ServerTransaction, userId: string, jobId: string, durationSec: number): Promise<void> {
    await transaction.query(
      `insert into ${this.database.table('video_usage')} ("job_id", "owner_id", "duration_sec") values ($1, $2, $3) on conflict ("job_id") do nothing`,
      [jobId, userId, durationSec],
    );
  }
}
