import pg from 'pg';

/**
 * One advisory-lock key for the whole database ("looply" in ASCII). Every process that creates
 * or upgrades tables (our migrations, the server's, pg-boss's install and queue creation) does it
 * holding this lock, so processes started together take turns instead of deadlocking.
 */
export const STARTUP_LOCK_KEY = 0x6c6f6f706c79;

/**
 * Runs `work` holding the startup lock on a connection of its own (a session lock, so `work` may
 * commit any number of transactions on other connections). Released when `work` settles.
 * Not re-entrant: `work` must not call it again.
 */
export async function underStartupLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const lockClient = new pg.Client({ connectionString: databaseUrl, application_name: 'looply-startup-lock' });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await lockClient.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
    }
  } finally {
    await lockClient.end();
  }
}
