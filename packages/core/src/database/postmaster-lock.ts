import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isProcessAlive, processCommand, signalProcess, waitForProcessExit } from './process-status.js';

/** What Postgres writes to `postmaster.pid` while it runs: its pid, data folder and port. */
export interface PostmasterLock {
  pid: number;
  dataDirectory: string;
  port: number | undefined;
}

export async function readPostmasterLock(dataDirectory: string): Promise<PostmasterLock | undefined> {
  let text: string;
  try {
    text = await readFile(join(dataDirectory, 'postmaster.pid'), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No lock, or no data folder at all (inspecting the folder reports the latter).
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return { pid, dataDirectory: lines[1] ?? '', port: Number.isInteger(port) && port > 0 ? port : undefined };
}

/** True when the lock's pid is a live postgres process (not a recycled pid now used by something else). */
export function isPostmasterRunning(lock: PostmasterLock): boolean {
  if (!isProcessAlive(lock.pid)) return false;
  const command = processCommand(lock.pid);
  // When the command line cannot be read, assume the worst: it is still our postgres.
  return command === undefined || /postgres/.test(command);
}

export async function removePostmasterLock(dataDirectory: string): Promise<void> {
  await rm(join(dataDirectory, 'postmaster.pid'), { force: true });
}

/**
 * Shuts down a postmaster left behind by a crashed process: fast shutdown first (SIGINT),
 * then immediate shutdown (SIGQUIT), then SIGKILL. Returns once it is gone.
 */
export async function stopPostmaster(pid: number, fastShutdownTimeoutMs = 30_000): Promise<void> {
  signalProcess(pid, 'SIGINT');
  if (await waitForProcessExit(pid, fastShutdownTimeoutMs)) return;
  signalProcess(pid, 'SIGQUIT');
  if (await waitForProcessExit(pid, 10_000)) return;
  signalProcess(pid, 'SIGKILL');
  await waitForProcessExit(pid, 10_000);
}
