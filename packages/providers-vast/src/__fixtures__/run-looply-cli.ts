import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The CLI entry point, run from source as `pnpm looply` does. */
const bin = fileURLToPath(new URL('../../../cli/src/bin.ts', import.meta.url));
/** tsx resolved from here, so the child does not depend on its working directory. */
const tsx = import.meta.resolve('tsx');

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs `looply` in its own process. A run that outlives `timeoutMs` is interrupted (SIGINT, so the
 * CLI stops its embedded Postgres), then killed 20 s later; it then resolves with `timedOut`.
 */
export function runLooplyCli(
  args: string[],
  options: { cwd: string; environment: Record<string, string | undefined>; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=looply-source', `--import=${tsx}`, bin, ...args], {
      cwd: options.cwd,
      env: options.environment as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const interruptTimer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGINT');
      killTimer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    }, options.timeoutMs ?? 300_000);
    child.once('error', reject);
    child.once('close', (exitCode) => {
      clearTimeout(interruptTimer);
      clearTimeout(killTimer);
      resolve({ exitCode, stdout, stderr, timedOut });
    });
  });
}

/** A TCP port free right now on 127.0.0.1 (for the embedded Postgres of a run). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
