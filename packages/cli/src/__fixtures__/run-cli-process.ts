import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGUMENTS } from './node-arguments.js';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));

/** After an interrupt on timeout, how long the CLI gets to stop its embedded Postgres before it is killed. */
const KILL_AFTER_INTERRUPT_MS = 20_000;

export interface CliProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the run outlived `timeoutMs` and was interrupted. */
  timedOut: boolean;
}

export interface CliProcessOptions {
  cwd: string;
  environment: Record<string, string | undefined>;
  onSpawn?: (child: ReturnType<typeof spawn>) => void;
  /** A run that outlives it is interrupted (SIGINT, so the CLI stops its embedded Postgres), then killed 20 s later. */
  timeoutMs?: number;
}

/** Runs the real `looply` binary from source (as `pnpm looply` does) in its own process. */
export function runCliProcess(args: string[], options: CliProcessOptions): Promise<CliProcessResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...SOURCE_NODE_ARGUMENTS, bin, ...args], {
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
    const interruptTimer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGINT');
            killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_INTERRUPT_MS);
          }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(interruptTimer);
      clearTimeout(killTimer);
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      clearTimeout(interruptTimer);
      clearTimeout(killTimer);
      resolvePromise({ exitCode, signal, stdout, stderr, timedOut });
    });
    options.onSpawn?.(child);
  });
}
