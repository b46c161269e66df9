import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LooplyError } from '../errors/looply-error.js';
import type { EmbeddedPostgresLogger } from './embedded-postgres-logger.js';
import { lastLines, startFailure } from './postgres-start-errors.js';
import type { PostgresRunAs } from './postgres-system-user.js';
import { signalProcess } from './process-status.js';

const READY_MESSAGE = 'database system is ready to accept connections';

export interface SpawnOptions {
  postgres: string;
  dataDirectory: string;
  port: number;
  settings: Record<string, string | number>;
  runAs: PostgresRunAs;
  logger: EmbeddedPostgresLogger;
  existingCluster: boolean;
  timeoutMs: number;
}

/** Starts the postmaster and resolves once it accepts connections; rejects with a diagnosed `LooplyError`. */
export function spawnPostmaster(options: SpawnOptions): Promise<ChildProcess> {
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

/** SIGINT (fast shutdown), then SIGQUIT (immediate), then SIGKILL; resolves once the child has been reaped. */
export async function shutdownChild(child: ChildProcess): Promise<void> {
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
