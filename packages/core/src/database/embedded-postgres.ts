import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { LooplyError } from '../errors/looply-error.js';
import {
  EMBEDDED_POSTGRES_ADMIN_USER as ADMIN_USER,
  EMBEDDED_POSTGRES_HOST as HOST,
} from './embedded-postgres-address.js';
import { trackRunningPostmaster } from './embedded-postgres-exit-hooks.js';
import { silentLogger, type EmbeddedPostgresLogger } from './embedded-postgres-logger.js';
import { initialiseCluster, readClusterPassword } from './initialise-cluster.js';
import { inspectDataFolder } from './postgres-data-folder.js';
import { postgresBinaries } from './postgres-binaries.js';
import { portInUseError } from './postgres-start-errors.js';
import { postgresRunAs } from './postgres-system-user.js';
import { isPortFree } from './port-availability.js';
import { recoverFromPreviousRun, type OwnerRecord } from './previous-run-recovery.js';
import { shutdownChild, spawnPostmaster } from './spawn-postmaster.js';

export const DEFAULT_EMBEDDED_POSTGRES_PORT = 54329;

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
    password = await readClusterPassword(passwordFile, dataDirectory);
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

/** Creates `database` when the cluster does not have it yet. */
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
