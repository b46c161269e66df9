import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../packages/core/src/index.js';
import { findFreePort } from '../../packages/core/src/database/port-availability.js';
import type { EngineBenchResult } from '../engine-bench.js';

/** Runs `use` on DATABASE_URL when set, else on a throwaway embedded Postgres started for the bench. */
export async function withDatabase<T>(
  use: (url: string, kind: EngineBenchResult['database']) => Promise<T>,
): Promise<T> {
  if (process.env.DATABASE_URL) return use(process.env.DATABASE_URL, 'DATABASE_URL');
  const home = await mkdtemp(join(tmpdir(), 'looply-bench-postgres-'));
  // As root, Postgres runs as the `postgres` user, which must be able to enter this folder.
  await chmod(home, 0o755);
  let embedded: EmbeddedPostgres | undefined;
  try {
    embedded = await startEmbeddedPostgres({
      home,
      port: await findFreePort(),
      database: 'looply_bench',
      settings: { max_connections: 200 },
    });
    return await use(embedded.url, 'embedded');
  } finally {
    await embedded?.stop();
    await rm(home, { recursive: true, force: true });
  }
}
