import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One provider call as recorded in the shared folder (a file per call survives SIGKILL). */
export interface RecordedCall {
  pid: number;
  step: string;
  idempotencyKey: string;
}

/** Records a provider call: one small file per call, written synchronously before the call proceeds. */
export function recordCall(folder: string, step: string, idempotencyKey: string): void {
  mkdirSync(folder, { recursive: true });
  const call: RecordedCall = { pid: process.pid, step, idempotencyKey };
  const name = join(folder, `${process.pid}-${randomUUID()}`);
  // Written under a temporary name and renamed, so a reader polling the folder never sees a half-written file.
  writeFileSync(`${name}.partial`, JSON.stringify(call));
  renameSync(`${name}.partial`, `${name}.json`);
}

export function readCalls(folder: string): RecordedCall[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')) as RecordedCall);
}
