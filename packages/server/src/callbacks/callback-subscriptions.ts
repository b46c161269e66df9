import type { ServerDatabase, ServerTransaction } from '../persistence/server-database.js';

/**
 * Records, with the job's creation, that its end must be called back. Any process running a
 * CallbackDispatcher (the API or a `looply worker`) then delivers it.
 */
export async function subscribeToCallback(
  database: ServerDatabase,
  transaction: ServerTransaction,
  input: { jobId: string; ownerId: string; url: string },
): Promise<void> {
  await transaction.query(
    `insert into ${database.table('callback_subscription')} ("job_id", "owner_id", "url") values ($1, $2, $3) on conflict ("job_id") do nothing`,
    [input.jobId, input.ownerId, input.url],
  );
}
