import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGUMENTS } from './node-arguments.js';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));

export interface CliProcessResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `looply` binary from source (as `pnpm looply` does) in its own process. */
export function runCliProcess(
  args: string[],
  options: { cwd: string; environment: Record<string, string | undefined>; onSpawn?: (child: ReturnType<typeof spawn>) => void },
): Promise<CliProcessResult> {
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
    child.once('error', reject);
    child.once('close', (exitCode, signal) => resolvePromise({ exitCode, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}
