import type { Engine, JobView } from '@looply/core';
import { HttpError } from '../app/http-error.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import type { QuotaChecker } from './quota-checker.js';

/**
 * `POST /videos/:id/retry`: the owner's FAILED video re-run in place (the same job, its failed steps
 * re-queued with fresh attempts; finished steps are kept). Under the same per-user lock as creation,
 * so a retry and a creation cannot both take the last unfinished-job slot. A retry takes no new
 * daily video or seconds: the video was counted when it was created (decision 0028).
 */
export class VideoRetrier {
  constructor(private readonly dependencies: { database: ServerDatabase; engine: Engine; quotas: QuotaChecker }) {}

  /** Throws the engine's `conflict` (409) when the job is not FAILED, 429 when the user is at the unfinished-jobs limit. */
  async retry(userId: string, jobId: string): Promise<JobView> {
    const { database, engine, quotas } = this.dependencies;
    const current = await engine.get(jobId);
    // Checked before the quota, so a finished video is a 409 even for a user at the limit (the engine checks again under its row lock).
    if (current && current.status !== 'FAILED')
      throw new HttpError(409, 'conflict', `Video ${jobId} is ${current.status}; only a FAILED video can be retried`);
    return database.transaction(async (transaction) => {
      await transaction.query('select pg_advisory_xact_lock(hashtext($1))', [`looply-server:create-video:${userId}`]);
      await quotas.checkConcurrent(transaction, userId);
      return engine.retry(jobId);
    });
  }
}
