import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { LooplyError } from '../errors/looply-error.js';
import { trackRunningPostmaster } from './embedded-postgres-exit-hooks.js';
import { silentLogger, type EmbeddedPostgresLogger } from './embedded-postgres-logger.js';
import { corruptDataFolderError, inspectDataFolder } from './postgres-data-folder.js';
import { postgresBinaries } from './postgres-binaries.js';
import { postgresRunAs, type PostgresRunAs } from './postgres-system-user.js';
import { isPortFree } from './port-availability.js';
import { isPostmasterRunning, readPostmasterLock, removePostmasterLock, stopPostmaster } from './postmaster-lock.js';
import { isProcessAlive, signalProcess } from './process-status.js';

export const DEFAULT_EMBEDDED_POSTGRES_PORT = 54329;

const ADMIN_USER = 'postgres';
const HOST = '127.0.0.1';
const READY_MESSAGE = 'database system is ready to accept connections';

export interface EmbeddedPostgresOptions {
  /** Looply's data folder (`LOOPLY_HOME`); the cluster lives in `<home>/pg`. */
  home: string;
  /** TCP port on 127.0.0.1. Default 54329. */
  port?: number;
  /** Database the returned `url` points at; created when missing. Default `looply`. */
  database?: string;
  logger?: EmbeddedPostgresLogger;
  /**
   * `false` for throwaway clusters (tests): no fsync, no synchronous commit. A crash can then lose
   * or corrupt data, so never for `LOOPLY_HOME`. Default `true`.
   */
  durable?: boolean;
  /** Extra server settings, passed as `-c name=value`. */
  settings?: Record<string, string | number>;
  /** How long to wait for the server to accept connections. Default 60 s. */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** URL of `database` (user `postgres`). */
  url: string;
  /** URL of the `postgres` maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  dataDirectory: string;
  /** Pid of the postmaster. */
  pid: number;
  /** True when this start created the cluster (first run); false when it reused the data folder. */
  initialised: boolean;
  /** Fast shutdown; resolves once the postmaster and all its backends are gone. Idempotent. */
  stop(): Promise<void>;
}

/** Who started the cluster, written beside it so a later run can tell a crashed owner from a live one. */
interface OwnerRecord {
  pid: number;
  postmasterPid: number;
  port: number;
}

/**
 * Starts the embedded Postgres in `<home>/pg`: initialises it on the first run, reuses it afterwards,
 * recovers from a crashed previous run (a stale `postmaster.pid` or an orphaned postmaster), and is shut
 * down when this process exits. Throws a `LooplyError` with code `database-port-in-use`,
 * `database-in-use`, `database-corrupt`, `database-unreadable`, `database-version-mismatch`,
 * `database-init-failed` or `database-start-failed`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const home = resolve(options.home);
  const port = options.port ?? DEFAULT_EMBEDDED_POSTGRES_PORT;
  const database = options.database ?? 'looply';
  const logger = options.logger ?? silentLogger;
  const durable = options.durable ?? true;
  const dataDirectory = join(home, 'pg');
  const ownerFile = join(home, 'pg-owner.json');
  const passwordFile = join(home, 'pg-password');

  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new LooplyError('validation', `Embedded Postgres port must be an integer between 1 and 65535, got ${port}`);
  }
  await mkdir(home, { recursive: true });
  const binaries = await postgresBinaries();
  const runAs = await postgresRunAs();

  await recoverFromPreviousRun(dataDirectory, ownerFile, logger);
  const state = await inspectDataFolder(dataDirectory, binaries.majorVersion);
  if (!(await isPortFree(port, HOST))) throw portInUseError(port);

  let password: string;
  if (state.kind === 'empty') {
    password = randomBytes(24).toString('base64url');
    await initialiseCluster({ initdb: binaries.initdb, dataDirectory, passwordFile, password, runAs, durable, logger });
  } else {
    password = await readPassword(passwordFile, dataDirectory);
  }

  const settings: Record<string, string | number> = {
    listen_addresses: HOST,
    // TCP only: no socket file in /tmp to collide with another cluster.
    unix_socket_directories: '',
    lc_messages: 'C',
    ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  const child = await spawnPostmaster({
    postgres: binaries.postgres,
    dataDirectory,
    port,
    settings,
    runAs,
    logger,
    existingCluster: state.kind === 'cluster',
    timeoutMs: options.startTimeoutMs ?? 60_000,
  });
  const pid = child.pid as number;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      untrack();
      await shutdownChild(child);
      await rm(ownerFile, { force: true });
      logger.info({ dataDirectory }, 'embedded Postgres stopped');
    })();
    return stopping;
  };
  const untrack = trackRunningPostmaster({ pid, dataDirectory, stop });

  const encodedPassword = encodeURIComponent(password);
  const adminUrl = `postgres://${ADMIN_USER}:${encodedPassword}@${HOST}:${port}/postgres`;
  const url = `postgres://${ADMIN_USER}:${encodedPassword}@${HOST}:${port}/${encodeURIComponent(database)}`;
  try {
    const owner: OwnerRecord = { pid: process.pid, postmasterPid: pid, port };
    await writeFile(ownerFile, JSON.stringify(owner) + '\n');
    await ensureDatabase(adminUrl, database);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ dataDirectory, port, initialised: state.kind === 'empty' }, 'embedded Postgres ready');
  return { url, adminUrl, port, dataDirectory, pid, initialised: state.kind === 'empty', stop };
}

async function recoverFromPreviousRun(
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

async function readPassword(passwordFile: string, dataDirectory: string): Promise<string> {
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

interface InitialiseOptions {
  initdb: string;
  dataDirectory: string;
  passwordFile: string;
  password: string;
  runAs: PostgresRunAs;
  durable: boolean;
  logger: EmbeddedPostgresLogger;
}

async function initialiseCluster(options: InitialiseOptions): Promise<void> {
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
    `--username=${ADMIN_USER}`,
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

interface SpawnOptions {
  postgres: string;
  dataDirectory: string;
  port: number;
  settings: Record<string, string | number>;
  runAs: PostgresRunAs;
  logger: EmbeddedPostgresLogger;
  existingCluster: boolean;
  timeoutMs: number;
}

function spawnPostmaster(options: SpawnOptions): Promise<ChildProcess> {
  const { dataDirectory, port, logger } = options;
  const args = ['-D', dataDirectory, '-p', String(port)];
  for (const [name, value] of Object.entries(options.settings)) args.push('-c', `${name}=${value}`);
  // Own process group: a Ctrl-C in the terminal reaches the CLI only, which cancels its job before stopping Postgres.
  const child = spawn(options.postgres, args, {
    ...options.runAs,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  const recentLines: string[] = [];
  return new Promise((resolvePromise, reject) => {
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolvePromise(child);
    };
    const timer = setTimeout(() => {
      void shutdownChild(child).finally(() =>
        settle(
          new LooplyError(
            'database-start-failed',
            `The embedded Postgres in ${dataDirectory} did not accept connections within ${options.timeoutMs} ms: ${lastLines(recentLines.join('\n'), 5)}`,
          ),
        ),
      );
    }, options.timeoutMs);
    // Keep reading its output for as long as it runs, or it would block on a full pipe.
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        recentLines.push(line);
        if (recentLines.length > 50) recentLines.shift();
        logger.debug({ component: 'postgres', port }, line);
        if (line.includes(READY_MESSAGE)) {
          child.unref();
          (child.stdout as { unref?: () => void } | null)?.unref?.();
          (child.stderr as { unref?: () => void } | null)?.unref?.();
          settle();
        }
      });
    }
    child.once('error', (error) =>
      settle(new LooplyError('database-start-failed', `Cannot run ${options.postgres}: ${error.message}`)),
    );
    child.once('exit', (code, signal) => {
      if (settled) return;
      // Let the line reader deliver the last lines first.
      setImmediate(() => settle(startFailure(options, recentLines.join('\n'), code, signal)));
    });
  });
}

function startFailure(
  options: SpawnOptions,
  output: string,
  code: number | null,
  signal: NodeJS.Signals | null,
): LooplyError {
  if (/could not bind|address already in use|could not create any TCP\/IP sockets/i.test(output))
    return portInUseError(options.port);
  // Quote what Postgres said, without its timestamp and pid prefix.
  const lines = output.split('\n').map((line) => line.replace(/^\S+ \S+ \S+ \[\d+\] /, ''));
  const reason = lastLines(
    lines.filter((line) => /FATAL|PANIC|ERROR|invalid|could not/i.test(line)).join('\n') || lines.join('\n'),
    3,
  );
  if (options.existingCluster) return corruptDataFolderError(options.dataDirectory, reason);
  return new LooplyError(
    'database-start-failed',
    `The embedded Postgres in ${options.dataDirectory} exited during start (code ${code}, signal ${signal}): ${reason}`,
  );
}

function portInUseError(port: number): LooplyError {
  return new LooplyError(
    'database-port-in-use',
    `Port ${port} on ${HOST} is already used by another program, so the embedded Postgres cannot start. ` +
      'Set LOOPLY_PG_PORT to a free port, or DATABASE_URL to use an existing Postgres.',
  );
}

/** SIGINT (fast shutdown), then SIGQUIT (immediate), then SIGKILL; resolves once the child has been reaped. */
async function shutdownChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  // Keep the event loop alive until the postmaster has been reaped.
  child.ref();
  const exited = new Promise<void>((resolvePromise) => child.once('exit', () => resolvePromise()));
  const exitedWithin = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolvePromise) => (timer = setTimeout(resolvePromise, ms, false)));
    try {
      return await Promise.race([exited.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  signalProcess(pid, 'SIGINT');
  if (await exitedWithin(30_000)) return;
  signalProcess(pid, 'SIGQUIT');
  if (await exitedWithin(10_000)) return;
  signalProcess(pid, 'SIGKILL');
  await exited;
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}
