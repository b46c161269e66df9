import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGUMENTS } from './node-arguments.js';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));

export interface BackgroundCliProcess {
  child: ChildProcess;
  /** Everything printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when stdout contains `text`; rejects if the process exits first or after `timeoutMs`. */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/** Starts the real `looply` binary from source (as `pnpm looply` does), or another `script`, and leaves it running. */
export function startBackgroundCli(
  args: string[],
  environment: Record<string, string | undefined>,
  cwd: string,
  script = bin,
): BackgroundCliProcess {
  const child = spawn(process.execPath, [...SOURCE_NODE_ARGUMENTS, script, ...args], {
    cwd,
    env: environment as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitForOutput(text, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`"${text}" not printed within ${timeoutMs} ms; stderr:\n${stderr}`)),
          timeoutMs,
        );
        const check = (): void => {
          if (!stdout.includes(text)) return;
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve();
        };
        child.stdout!.on('data', check);
        check();
        void exited.then((code) => {
          clearTimeout(timer);
          if (!stdout.includes(text)) reject(new Error(`exited ${code} before printing "${text}"; stderr:\n${stderr}`));
        });
      });
    },
    async stop(graceMs = 30_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
