import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WORKER_SCRIPT = fileURLToPath(new URL('./scale-worker.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface WorkerProcesses {
  pids: number[];
  /** SIGTERM to each, waiting for them to exit. */
  stop(): Promise<void>;
}

/** Starts `count` worker processes and resolves once each printed "ready". */
export async function startWorkerProcesses(
  count: number,
  environment: Record<string, string>,
): Promise<WorkerProcesses> {
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
          }),
      ),
    );
  };
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const child = spawn(process.execPath, ['--conditions=looply-source', `--import=${TSX}`, WORKER_SCRIPT], {
          env: { ...process.env, ...environment },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        children.push(child);
        return new Promise<void>((resolve, reject) => {
          let output = '';
          child.stdout!.on('data', (chunk: Buffer) => {
            output += chunk.toString('utf8');
            if (output.includes('ready')) resolve();
          });
          child.once('exit', (code) => reject(new Error(`a worker process exited ${code} before it was ready`)));
        });
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { pids: children.map((child) => child.pid!), stop };
}
