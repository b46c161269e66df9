import assert from 'node:assert/strict';
import type { ArtifactStore } from '../../artifacts/artifact-store.js';
import { describeValue } from './describe-value.js';
import { withDeadline } from './with-deadline.js';

const ABORT_ERROR_NAMES = new Set(['AbortedError', 'AbortError']);

/** True for core's `AbortedError` and for the platform's `AbortError` (fetch, timers). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && ABORT_ERROR_NAMES.has(error.name);
}

export interface AbortedCallExpectations {
  artifacts: ArtifactStore;
  /** The call's prefix: nothing may be written under it. */
  artifactPrefix: string;
  timeoutMs: number;
  where: string;
}

/** A call made with an already-aborted signal rejects with an abort error and writes no artifact. */
export async function checkAbortedCall(call: () => Promise<unknown>, expected: AbortedCallExpectations): Promise<void> {
  let outcome: { error: unknown } | undefined;
  try {
    await withDeadline(Promise.resolve().then(call), expected.timeoutMs, expected.where);
  } catch (error) {
    outcome = { error };
  }
  assert.ok(
    outcome,
    `${expected.where}: resolved although its abortSignal had already fired; it must reject with AbortedError`,
  );
  assert.ok(
    isAbortError(outcome.error),
    `${expected.where}: must reject with AbortedError (or an error named AbortError), got ${describeValue(outcome.error)}`,
  );
  const written = await expected.artifacts.list(`${expected.artifactPrefix.replace(/\/$/, '')}/`);
  assert.deepEqual(written, [], `${expected.where}: wrote artifacts although it was aborted: ${written.join(', ')}`);
}
