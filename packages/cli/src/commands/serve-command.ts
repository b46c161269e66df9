import type { Command } from 'commander';
import { exitCodeAction, parseIntegerOption, runServerProcess, type ServerProcessContext } from './server-process.js';

/** What commander hands over for `looply serve`. */
export interface RawServeOptions {
  port?: string;
  /** false with `--no-worker`. */
  worker: boolean;
  concurrency?: string;
}

export const DEFAULT_SERVE_CONCURRENCY = 4;

/** Registers `looply serve [--port N] [--no-worker] [--concurrency N]`: the REST API, with workers in the same process by default. */
export function addServeCommand(
  program: Command,
  context: ServerProcessContext,
  setExitCode: (code: number) => void,
): void {
  program
    .command('serve')
    .description('run the REST API (and, unless --no-worker, pipeline workers in the same process) until SIGTERM')
    .option('--port <port>', 'HTTP port (default: $PORT or 3000)')
    .option('--no-worker', 'run no pipeline workers here (use `looply worker` processes)')
    .option('--concurrency <n>', `steps the in-process workers run at once (default: ${DEFAULT_SERVE_CONCURRENCY})`)
    .action((raw: RawServeOptions) =>
      exitCodeAction(
        setExitCode,
        async () => {
          const port = parseIntegerOption('--port', raw.port, 0, 65_535);
          const concurrency = parseIntegerOption('--concurrency', raw.concurrency, 1, 256) ?? DEFAULT_SERVE_CONCURRENCY;
          return runServerProcess(
            { name: 'serve', http: true, port, concurrency: raw.worker ? concurrency : undefined },
            context,
          );
        },
        context,
        'serve',
      ),
    );
}
