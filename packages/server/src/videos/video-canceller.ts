import type { Engine, JobView } from '@looply/core';
import { HttpError, notFound } from '../app/http-error.js';
import type { ServerDatabase } from '../persistence/server-database.js';

/**
 * `POST /videos/:id/cancel`: exactly one cancel of a video succeeds. The engine treats a second cancel
 * as a no-op, so two requests at once could both answer 200; here cancels of one video take turns on
 * an advisory lock and each reads the status after the previous one committed: the second meets a
 * CANCELLED video and is a 409, like a cancel of any finished video.
 */
export class VideoCanceller {
  constructor(private readonly dependencies: { database: ServerDatabase; engine: Engine }) {}

  async cancel(jobId: string): Promise<JobView> {
    const { database, engine } = this.dependencies;
    return database.transaction(async (transaction) => {
      await transaction.query('select pg_advisory_xact_lock(hashtext($1))', [`looply-server:cancel-video:${jobId}`]);
      const current = await engine.get(jobId);
      if (!current) throw notFound(`Video ${jobId}`);
      if (current.status === 'CANCELLED')
        throw new HttpError(
          409,
          'conflict',
          `Video ${jobId} is already CANCELLED; only unfinished videos can be cancelled`,
        );
      // COMPLETED or FAILED: the engine's own `conflict` (409).
      return engine.cancel(jobId);
    });
  }
}
