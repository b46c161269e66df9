import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LooplyError } from '../errors/looply-error.js';
import type { EmbeddedPostgresLogger } from './embedded-postgres-logger.js';
import { isPostmasterRunning, readPostmasterLock, removePostmasterLock, stopPostmaster } from './postmaster-lock.js';
import { isProcessAlive } from './process-status.js';

/** Who started the cluster, written beside it so a later run can tell a crashed owner from a live one. */
export interface OwnerRecord {
  pid: number;
  postmasterPid: number;
  port: number;
}

/**
 * Clears what a crashed previous run left: a stale `postmaster.pid`, or a postmaster still running
 * whose owner is gone. Throws `database-in-use` when the owner is alive, `database-unreadable` when
 * the lock cannot be read.
 */
export async function recoverFromPreviousRun(
  dataDirectory: string,
  ownerFile: string,
  logger: EmbeddedPostgresLogger,
): Promise<void> {
  let lock;
  try {
    lock = await readPostmasterLock(dataDirectory);
  } catch (error) {
    throw new LooplyError(
      'database-unreadable',
      `Cannot read ${join(dataDirectory, 'postmaster.pid')} (${(error as NodeJS.ErrnoException).code ?? String(error)}). Fix the permissions of ${dataDirectory}, or set DATABASE_URL.`,
    );
  }
  if (!lock) return;
  if (isPostmasterRunning(lock)) {
    const owner = await readOwner(ownerFile);
    if (owner && isProcessAlive(owner.pid)) {
      throw new LooplyError(
        'database-in-use',
        `The embedded Postgres in ${dataDirectory} is already running for another process (pid ${owner.pid}, port ${owner.port}). ` +
          'Wait for that process to finish or stop it, use another LOOPLY_HOME, or set DATABASE_URL to share one Postgres server.',
      );
    }
    logger.warn(
      { dataDirectory, pid: lock.pid },
      'stopping an embedded Postgres left running by a previous run that crashed',
    );
    await stopPostmaster(lock.pid);
  } else {
    logger.warn(
      { dataDirectory, pid: lock.pid },
      'removing a stale postmaster.pid left by a previous run that crashed',
    );
  }
  await removePostmasterLock(dataDirectory);
}

async function readOwner(ownerFile: string): Promise<OwnerRecord | undefined> {
  try {
    const value = JSON.parse(await readFile(ownerFile, 'utf8')) as Partial<OwnerRecord>;
    return typeof value.pid === 'number' ? (value as OwnerRecord) : undefined;
  } catch {
    return undefined;
  }
}
