import { LooplyError } from '../errors/looply-error.js';
import { EMBEDDED_POSTGRES_HOST } from './embedded-postgres-address.js';
import { corruptDataFolderError } from './postgres-data-folder.js';
import type { SpawnOptions } from './spawn-postmaster.js';

/** Why a postmaster exited during start: port taken, corrupt data folder, or what Postgres said. */
export function startFailure(
  options: Pick<SpawnOptions, 'port' | 'dataDirectory' | 'existingCluster'>,
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

/** Another program holds the port: say which, and how to choose another. */
export function portInUseError(port: number): LooplyError {
  return new LooplyError(
    'database-port-in-use',
    `Port ${port} on ${EMBEDDED_POSTGRES_HOST} is already used by another program, so the embedded Postgres cannot start. ` +
      'Set LOOPLY_PG_PORT to a free port, or DATABASE_URL to use an existing Postgres.',
  );
}

/** The last `count` lines of a tool's output, joined on one line for an error message. */
export function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}
