import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ProviderError } from '../../errors/provider-error.js';
import type { CallOptionsV1 } from '../../spec/shared/v1/call-options-v1.js';
import type { JsonValue, LongRunningV1, StartResultV1 } from '../../spec/shared/v1/long-running-v1.js';
import { checkSchema } from './check-schema.js';
import { checkUsageAndWarnings } from './check-usage-and-warnings.js';
import { describeValue } from './describe-value.js';
import { withDeadline } from './with-deadline.js';

const DEFAULT_LONGEST_POLL_WAIT_MS = 250;
// Keeps a provider that answers pending with no hint from being polled in a tight loop.
const SHORTEST_POLL_WAIT_MS = 5;

const statusResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('pending'),
    progress: z.number().min(0).max(1).optional(),
    pollAfterMs: z.number().min(0).optional(),
  }),
  z.object({ status: z.literal('completed'), result: z.unknown() }),
  z.object({ status: z.literal('error'), message: z.string(), retryable: z.boolean() }),
]);

/** `externalId` is a non-empty string and `operation` survives a JSON round trip unchanged (it is persisted). */
export function checkStartResult(start: unknown, where: string): StartResultV1 {
  assert.ok(
    start !== null && typeof start === 'object',
    `${where}: doStart must resolve to an object, got ${describeValue(start)}`,
  );
  const candidate = start as Partial<StartResultV1>;
  assert.ok(
    typeof candidate.externalId === 'string' && candidate.externalId.length > 0,
    `${where}: doStart must return a non-empty externalId, got ${describeValue(candidate.externalId)}`,
  );
  assert.ok(
    'operation' in candidate && candidate.operation !== undefined,
    `${where}: doStart must return an operation`,
  );
  let serialised: string | undefined;
  try {
    serialised = JSON.stringify(candidate.operation);
  } catch (error) {
    assert.fail(`${where}: operation is not JSON-serialisable: ${describeValue(error)}`);
  }
  assert.ok(
    serialised !== undefined,
    `${where}: operation is not JSON-serialisable: ${describeValue(candidate.operation)}`,
  );
  assert.deepStrictEqual(
    JSON.parse(serialised),
    candidate.operation,
    `${where}: operation must be plain JSON (it is stored in Postgres); it changed in a JSON round trip`,
  );
  if (candidate.pollAfterMs !== undefined) {
    assert.ok(
      typeof candidate.pollAfterMs === 'number' && candidate.pollAfterMs >= 0,
      `${where}: pollAfterMs must be a non-negative number, got ${describeValue(candidate.pollAfterMs)}`,
    );
  }
  if (candidate.usage !== undefined || candidate.warnings !== undefined) {
    checkUsageAndWarnings({ usage: candidate.usage ?? {}, warnings: candidate.warnings ?? [] }, `${where} doStart`);
  }
  return candidate as StartResultV1;
}

export interface LongRunningCallSettings {
  timeoutMs: number;
  /** Fixed wait between polls; by default the provider's `pollAfterMs`, kept within 5–250 ms. */
  pollIntervalMs?: number;
  where: string;
}

/**
 * What the runner does: `doStart`, persist the operation (JSON round trip), then `doStatus` until
 * `completed`. A `status: 'error'` answer becomes a `ProviderError` carrying its `retryable`.
 */
export async function runLongRunningCall<Options extends CallOptionsV1, Result>(
  provider: LongRunningV1<Options, Result> & { provider: string },
  options: Options,
  settings: LongRunningCallSettings,
): Promise<{ start: StartResultV1; result: Result; polls: number }> {
  const deadline = Date.now() + settings.timeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());
  const start = checkStartResult(
    await withDeadline(provider.doStart(options), remaining(), `${settings.where} doStart`),
    settings.where,
  );
  const operation = JSON.parse(JSON.stringify(start.operation)) as JsonValue;
  const waitFor = (hint: number | undefined): number =>
    settings.pollIntervalMs ?? Math.max(SHORTEST_POLL_WAIT_MS, Math.min(hint ?? 0, DEFAULT_LONGEST_POLL_WAIT_MS));
  let wait = waitFor(start.pollAfterMs);
  for (let polls = 1; ; polls += 1) {
    if (wait > 0) await sleep(Math.min(wait, remaining()));
    assert.ok(
      Date.now() < deadline,
      `${settings.where}: the operation did not complete within ${settings.timeoutMs} ms (${polls - 1} polls)`,
    );
    const answer = await withDeadline(
      provider.doStatus({
        operation,
        abortSignal: options.abortSignal,
        idempotencyKey: options.idempotencyKey,
        artifacts: options.artifacts,
        artifactPrefix: options.artifactPrefix,
      }),
      remaining(),
      `${settings.where} doStatus`,
    );
    const status = checkSchema(statusResultSchema, answer, `${settings.where} doStatus answer`);
    if (status.status === 'completed') return { start, result: status.result as Result, polls };
    if (status.status === 'error') {
      throw new ProviderError({
        provider: provider.provider,
        message: `doStatus answered error: ${status.message}`,
        retryable: status.retryable,
      });
    }
    wait = waitFor(status.pollAfterMs);
  }
}
