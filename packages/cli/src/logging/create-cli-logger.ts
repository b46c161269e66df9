import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import bunyan from 'bunyan';
import type { LogLevel } from '../config/cli-config.js';

/**
 * The CLI's bunyan logger: every record at `LOG_LEVEL` goes to `$LOOPLY_HOME/logs/looply.log`;
 * warnings and errors (or everything, when `LOG_LEVEL` is below `info`) are also printed on stderr
 * as short human lines, so they do not bury the progress bar or the `--json` result.
 */
export function createCliLogger(options: { home: string; level: LogLevel; stderr: NodeJS.WritableStream }): bunyan {
  const folder = join(options.home, 'logs');
  mkdirSync(folder, { recursive: true });
  const consoleLevel = bunyan.resolveLevel(options.level) < bunyan.INFO ? options.level : 'warn';
  return bunyan.createLogger({
    name: 'looply',
    serializers: bunyan.stdSerializers,
    streams: [
      { level: options.level, path: join(folder, 'looply.log') },
      { level: consoleLevel, type: 'raw', stream: humanLines(options.stderr) },
    ],
  });
}

interface LogRecord {
  level: number;
  msg: string;
  err?: { message?: string };
  [field: string]: unknown;
}

function humanLines(target: NodeJS.WritableStream): Writable {
  return new Writable({
    objectMode: true,
    write(record: LogRecord, _encoding, done) {
      const level = bunyan.nameFromLevel[record.level] ?? String(record.level);
      const context = ['jobId', 'step', 'provider']
        .filter((key) => record[key] !== undefined)
        .map((key) => `${key}=${String(record[key])}`);
      const error = record.err?.message ? `: ${record.err.message}` : '';
      target.write(`${level}: ${record.msg}${error}${context.length ? ` (${context.join(' ')})` : ''}\n`);
      done();
    },
  });
}
