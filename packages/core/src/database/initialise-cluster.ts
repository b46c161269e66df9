import { spawn } from 'node:child_process';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { LooplyError } from '../errors/looply-error.js';
import { EMBEDDED_POSTGRES_ADMIN_USER } from './embedded-postgres-address.js';
import type { EmbeddedPostgresLogger } from './embedded-postgres-logger.js';
import { lastLines } from './postgres-start-errors.js';
import type { PostgresRunAs } from './postgres-system-user.js';

export interface InitialiseOptions {
  initdb: string;
  dataDirectory: string;
  passwordFile: string;
  password: string;
  runAs: PostgresRunAs;
  durable: boolean;
  logger: EmbeddedPostgresLogger;
}

/** First run: creates the cluster with initdb (scram-sha-256, UTF8, C locale) and keeps its password beside it. */
export async function initialiseCluster(options: InitialiseOptions): Promise<void> {
  const { dataDirectory, passwordFile, runAs, logger } = options;
  logger.info({ dataDirectory }, 'initialising the embedded Postgres (first run)');
  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  await chmod(dataDirectory, 0o700);
  // initdb reads the password file as the server user.
  await writeFile(passwordFile, options.password + '\n', { mode: 0o600 });
  if ('uid' in runAs) {
    await chown(dataDirectory, runAs.uid, runAs.gid);
    await chown(passwordFile, runAs.uid, runAs.gid);
  }
  const args = [
    `--pgdata=${dataDirectory}`,
    '--auth=scram-sha-256',
    `--username=${EMBEDDED_POSTGRES_ADMIN_USER}`,
    `--pwfile=${passwordFile}`,
    '--encoding=UTF8',
    '--locale=C',
    ...(options.durable ? [] : ['--no-sync']),
  ];
  const { code, output } = await runToCompletion(options.initdb, args, runAs);
  if (code !== 0) {
    // Leave no half-initialised folder behind: the next run would take it for a corrupt cluster.
    await rm(dataDirectory, { recursive: true, force: true });
    const hint =
      'uid' in runAs
        ? ` Running as root, Postgres runs as the "postgres" user, which must be able to reach ${dataDirectory}.`
        : '';
    throw new LooplyError(
      'database-init-failed',
      `initdb failed for ${dataDirectory} (exit code ${code}): ${lastLines(output, 5)}.${hint}`,
    );
  }
}

function runToCompletion(
  command: string,
  args: string[],
  runAs: PostgresRunAs,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      ...runAs,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, output }));
  });
}

/** The password initdb was given, kept in `<home>/pg-password`; `database-corrupt` when it is gone. */
export async function readClusterPassword(passwordFile: string, dataDirectory: string): Promise<string> {
  try {
    const password = (await readFile(passwordFile, 'utf8')).trim();
    if (password) return password;
  } catch {
    // Reported below.
  }
  throw new LooplyError(
    'database-corrupt',
    `The password of the embedded Postgres in ${dataDirectory} was kept in ${passwordFile}, which is missing or empty. ` +
      'Restore that file, or move the data folder away (losing its jobs) so Looply creates a fresh database, or set DATABASE_URL.',
  );
}
