import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { signalProcess } from './process-status.js';

/** A postmaster this process started and must not leave behind. */
export interface RunningPostmaster {
  pid: number;
  dataDirectory: string;
  stop(): Promise<void>;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const running = new Set<RunningPostmaster>();

/**
 * Registers a started postmaster so it is shut down when this process ends:
 * - on `exit` (normal end, `process.exit()`), it is sent a fast-shutdown signal and we wait briefly for it;
 * - on SIGINT/SIGTERM/SIGHUP, when nothing else listens for that signal, it is stopped and the signal
 *   is then re-raised, so the process ends as it would have without us. When the application has its
 *   own handler (the CLI cancels the job first), that handler is responsible for calling `stop()`.
 * Returns the function that unregisters it (called by `stop()`).
 */
export function trackRunningPostmaster(postmaster: RunningPostmaster): () => void {
  if (running.size === 0) installHooks();
  running.add(postmaster);
  return () => {
    running.delete(postmaster);
    if (running.size === 0) uninstallHooks();
  };
}

function installHooks(): void {
  process.on('exit', stopAllBeforeExit);
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onShutdownSignal);
}

function uninstallHooks(): void {
  process.off('exit', stopAllBeforeExit);
  for (const signal of SHUTDOWN_SIGNALS) process.off(signal, onShutdownSignal);
}

function onShutdownSignal(signal: NodeJS.Signals): void {
  const othersListening = process.listeners(signal).some((listener) => listener !== onShutdownSignal);
  if (othersListening) return;
  void Promise.allSettled([...running].map((postmaster) => postmaster.stop())).finally(() => {
    uninstallHooks();
    process.kill(process.pid, signal);
  });
}

/** `exit` handlers must be synchronous: signal every postmaster, then wait (bounded) for their lock files to go. */
function stopAllBeforeExit(): void {
  const postmasters = [...running];
  for (const postmaster of postmasters) signalProcess(postmaster.pid, 'SIGINT');
  const deadline = Date.now() + 5_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (
    Date.now() < deadline &&
    postmasters.some((postmaster) => existsSync(join(postmaster.dataDirectory, 'postmaster.pid')))
  ) {
    Atomics.wait(pause, 0, 0, 25);
  }
}
