import assert from 'node:assert/strict';
import { ProviderError } from '../../errors/provider-error.js';
import type { ConformanceErrorCase } from './conformance-options.js';
import { describeValue } from './describe-value.js';
import { withDeadline } from './with-deadline.js';

/** The error is a `ProviderError` from this provider with the expected `retryable`, `retryAfterMs` and message. */
export function checkProviderError(
  error: unknown,
  expected: ConformanceErrorCase['expect'],
  providerId: string,
  where: string,
): void {
  assert.ok(ProviderError.isInstance(error), `${where}: must reject with a ProviderError, got ${describeValue(error)}`);
  assert.equal(
    error.provider,
    providerId,
    `${where}: ProviderError.provider must be "${providerId}", got ${describeValue(error.provider)}`,
  );
  assert.equal(
    error.retryable,
    expected.retryable,
    `${where}: ProviderError.retryable must be ${expected.retryable} (message: ${error.message})`,
  );
  if (expected.retryAfterMs !== undefined) {
    assert.equal(
      error.retryAfterMs,
      expected.retryAfterMs,
      `${where}: ProviderError.retryAfterMs must be ${expected.retryAfterMs}, got ${describeValue(error.retryAfterMs)}`,
    );
  }
  if (expected.messageIncludes !== undefined) {
    assert.ok(
      error.message.includes(expected.messageIncludes),
      `${where}: the message must include ${JSON.stringify(expected.messageIncludes)}, got ${JSON.stringify(error.message)}`,
    );
  }
}

/** Runs the case's `arrange`, calls the provider and checks the rejection. */
export async function checkErrorCase(
  errorCase: ConformanceErrorCase,
  call: () => Promise<unknown>,
  providerId: string,
  timeoutMs: number,
): Promise<void> {
  const where = `error case "${errorCase.name}"`;
  await errorCase.arrange();
  let outcome: { error: unknown } | undefined;
  try {
    await withDeadline(Promise.resolve().then(call), timeoutMs, where);
  } catch (error) {
    outcome = { error };
  }
  assert.ok(outcome, `${where}: the call succeeded; it must reject with a ProviderError`);
  checkProviderError(outcome.error, errorCase.expect, providerId, where);
}
