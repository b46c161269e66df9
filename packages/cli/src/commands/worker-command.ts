import type { Command } from 'commander';
import { exitCodeAction, parseIntegerOption, runServerProcess, type ServerProcessContext } from './server-process.js';

export const DEFAULT_WORKER_CONCURRENCY = 4;

/** Registers `looply worker [--concurrency N] [--metrics-port N]`: pipeline workers only, for scale-out next to `looply serve --no-worker`. */
export function addWorkerCommand(
  program: Command,
  context: ServerProcessContext,
  setExitCode: (code: number) => void,
): void {
  program
    .command('worker')
    .description('run pipeline workers (and callback delivery) only, until SIGTERM')
    .option('--concurrency <n>', `steps this process runs at once (default: ${DEFAULT_WORKER_CONCURRENCY})`)
    .option(
      '--metrics-port <port>',
      "serve this worker's Prometheus metrics at GET /metrics on this port (default: $METRICS_PORT, else none)",
    )
    .action((raw: { concurrency?: string; metricsPort?: string }) =>
      exitCodeAction(
        setExitCode,
        async () => {
          const concurrency =
            parseIntegerOption('--concurrency', raw.concurrency, 1, 256) ?? DEFAULT_WORKER_CONCURRENCY;
          const metricsPort = parseIntegerOption('--metrics-port', raw.metricsPort, 0, 65_535);
          return runServerProcess(
            { name: 'worker', http: false, concurrency, ...(metricsPort === undefined ? {} : { metricsPort }) },
            context,
          );
        },
        context,
        'worker',
      ),
    );
}
