import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LooplyError } from '../errors/looply-error.js';

export type DataFolderState = { kind: 'empty' } | { kind: 'cluster'; majorVersion: number };

const MOVE_AWAY_ADVICE =
  'Move that folder away (or delete it, losing the jobs it holds) and Looply creates a fresh database on the next start; ' +
  'or set DATABASE_URL to use another Postgres.';

/** Inspects a data folder before starting: empty/missing (initialise it) or an existing cluster (reuse it). */
export async function inspectDataFolder(dataDirectory: string, expectedMajorVersion: number): Promise<DataFolderState> {
  let entries: string[];
  try {
    entries = await readdir(dataDirectory);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'empty' };
    throw new LooplyError(
      code === 'ENOTDIR' ? 'database-corrupt' : 'database-unreadable',
      `The embedded Postgres data folder ${dataDirectory} cannot be read (${code ?? String(error)}). ` +
        (code === 'ENOTDIR' ? MOVE_AWAY_ADVICE : 'Fix its permissions, or set DATABASE_URL to use another Postgres.'),
    );
  }
  if (entries.length === 0) return { kind: 'empty' };
  if (!entries.includes('PG_VERSION')) {
    throw new LooplyError(
      'database-corrupt',
      `The embedded Postgres data folder ${dataDirectory} is not empty but is not a Postgres data folder (PG_VERSION is missing). ${MOVE_AWAY_ADVICE}`,
    );
  }
  const text = (await readFile(join(dataDirectory, 'PG_VERSION'), 'utf8')).trim();
  const majorVersion = Number(text);
  if (!Number.isInteger(majorVersion)) {
    throw new LooplyError(
      'database-corrupt',
      `The embedded Postgres data folder ${dataDirectory} has an unreadable PG_VERSION ("${text.slice(0, 20)}"). ${MOVE_AWAY_ADVICE}`,
    );
  }
  if (majorVersion !== expectedMajorVersion) {
    throw new LooplyError(
      'database-version-mismatch',
      `The embedded Postgres data folder ${dataDirectory} was created by Postgres ${majorVersion}, but the bundled server is Postgres ${expectedMajorVersion}. ` +
        `Dump it with Postgres ${majorVersion} and restore it, or move the folder away to start fresh, or set DATABASE_URL.`,
    );
  }
  return { kind: 'cluster', majorVersion };
}

export function corruptDataFolderError(dataDirectory: string, postgresOutput: string): LooplyError {
  return new LooplyError(
    'database-corrupt',
    `The embedded Postgres could not start from its data folder ${dataDirectory}: ${postgresOutput || 'it exited without saying why'}. ${MOVE_AWAY_ADVICE}`,
  );
}
