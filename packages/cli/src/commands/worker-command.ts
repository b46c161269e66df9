import type { Command } from 'commander';
import { exitCodeAction, parseIntegerOption, runServerProcess, type ServerProcessContext } from './server-process.js';

export const DEFAULT_WORKER_CONCURRENCY = 4;

/** Registers `looply worker [--concurrency N]`: pipeline workers only, for scale-out next to `looply serve --no-worker`. */
export function addWorkerCommand(program: Command, context: ServerProcessContext, setExitCode: (code: number) => void): void {
  program
    .command('worker')
    .description('run pipeline workers (and callback delivery) only, until SIGTERM')
    .option('--concurrency <n>', `steps this process runs at once (default: ${DEFAULT_WORKER_CONCURRENCY})`)
    .action((raw: { concurrency?: string }) =>
      exitCodeAction(
        setExitCode,
        async () => {
          const concurrency = parseIntegerOption('--concurrency', raw.concurrency, 1, 256) ?? DEFAULT_WORKER_CONCURRENCY;
          return runServerProcess({ name: 'worker', http: false, concurrency }, context);
        },
        context,
        'worker',
      ),
    );
}
