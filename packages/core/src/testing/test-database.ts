import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../database/embedded-postgres.js';
import { findFreePort } from '../database/port-availability.js';
import { isPostmasterRunning, readPostmasterLock, stopPostmaster } from '../database/postmaster-lock.js';
import { isProcessAlive } from '../database/process-status.js';
import { LooplyError } from '../errors/looply-error.js';

export interface TestDatabase {
  /** URL of a fresh, empty database of its own. */
  url: string;
  /** Drops the database, closing any connection still open to it. Idempotent. */
  drop(): Promise<void>;
}

const HOME_PREFIX = 'looply-test-postgres-';

let server: { embedded: EmbeddedPostgres; home: string } | undefined;
let starting: Promise<string> | undefined;

/**
 * The admin URL of the test Postgres: `TEST_DATABASE_URL` when set, otherwise one embedded Postgres per
 * test process (a throwaway cluster in the temp folder, on a free port), started on the first call. Its
 * admin URL is then exported as `TEST_DATABASE_URL`, so child processes spawned by tests use it too.
 */
export function startTestPostgres(): Promise<string> {
  const configured = process.env.TEST_DATABASE_URL;
  if (configured && !server) return Promise.resolve(configured);
  starting ??= startOwnServer().catch((error: unknown) => {
    starting = undefined;
    throw error;
  });
  return starting;
}

/** Stops the embedded test Postgres started by this process (if any) and deletes its folder. */
export async function stopTestPostgres(): Promise<void> {
  const current = server;
  if (!current) return;
  server = undefined;
  starting = undefined;
  if (process.env.TEST_DATABASE_URL === current.embedded.adminUrl) delete process.env.TEST_DATABASE_URL;
  await current.embedded.stop();
  await rm(current.home, { recursive: true, force: true });
}

/** A fresh empty database with a unique name on the test Postgres. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = await startTestPostgres();
  const name = `looply_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    drop() {
      dropped ??= withAdminClient(adminUrl, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      });
      return dropped;
    },
  };
}

async function startOwnServer(): Promise<string> {
  await sweepAbandonedClusters();
  const home = await mkdtemp(join(tmpdir(), HOME_PREFIX));
  // As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
  await chmod(home, 0o755);
  // A free port can be taken by someone else before Postgres binds it: try a few.
  for (let attempt = 1; ; attempt++) {
    try {
      const embedded = await startEmbeddedPostgres({
        home,
        port: await findFreePort(),
        database: 'postgres',
        durable: false,
        settings: { max_connections: 300 },
      });
      server = { embedded, home };
      process.env.TEST_DATABASE_URL = embedded.adminUrl;
      removeFolderOnAbort(home);
      return embedded.adminUrl;
    } catch (error) {
      if (!(error instanceof LooplyError && error.code === 'database-port-in-use') || attempt === 3) {
        await rm(home, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

/** When the run is interrupted, still stop the server and delete its folder. */
function removeFolderOnAbort(home: string): void {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    // The terminal and mocha's wrapper process may both signal us: stop once, then end as the signal would.
    if (stopping) return;
    stopping = true;
    void stopTestPostgres().finally(() => {
      for (const each of signals) process.off(each, onSignal);
      process.kill(process.pid, signal);
    });
  };
  for (const signal of signals) process.on(signal, onSignal);
  // `exit` runs after the database's own exit hook has shut the server down (its listener came first).
  process.once('exit', () => {
    for (const signal of signals) process.off(signal, onSignal);
    if (server?.home === home) rmSync(home, { recursive: true, force: true });
  });
}

async function withAdminClient<T>(adminUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Removes test clusters whose test process died without cleaning up (killed with SIGKILL, say). */
async function sweepAbandonedClusters(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(HOME_PREFIX))) {
    const home = join(tmpdir(), entry);
    try {
      const owner = JSON.parse(await readFile(join(home, 'pg-owner.json'), 'utf8').catch(() => 'null')) as {
        pid?: number;
      } | null;
      if (owner?.pid !== undefined ? isProcessAlive(owner.pid) : Date.now() - (await stat(home)).mtimeMs < 3_600_000)
        continue;
      const lock = await readPostmasterLock(join(home, 'pg'));
      if (lock && isPostmasterRunning(lock)) await stopPostmaster(lock.pid);
      await rm(home, { recursive: true, force: true });
    } catch {
      // Best effort: another test process may be sweeping the same folder.
    }
  }
}
