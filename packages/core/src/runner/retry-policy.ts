import { AbortedError, ProviderError } from '../errors/provider-error.js';
import { LooplyError } from '../errors/looply-error.js';

export interface RetrySettings {
  maxAttempts: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
}

/** What the runner does with an error thrown by (or around) a provider call. */
export type ErrorDecision =
  | { kind: 'aborted' }
  | { kind: 'retry'; message: string; code?: string; retryAfterMs?: number }
  | { kind: 'fail'; message: string; code?: string };

/**
 * - `ProviderError`: its `retryable` flag decides.
 * - `AbortedError`, or any error once the signal fired: the abort's cause decides (never a retry here).
 * - `LooplyError` (our own validation of a provider's output, a missing provider): fatal.
 * - Anything else (TypeError, a network `fetch failed`, a bug): retryable up to `maxAttempts`,
 *   code `unexpected-error` (docs/decisions/0006-runner-failure-policy.md).
 */
export function decideOnError(error: unknown, signal: AbortSignal): ErrorDecision {
  if (signal.aborted || error instanceof AbortedError || (error instanceof Error && error.name === 'AbortedError')) {
    return { kind: 'aborted' };
  }
  if (ProviderError.isInstance(error)) {
    const code = error.code ?? (error.statusCode ? `http-${error.statusCode}` : undefined);
    return error.retryable
      ? { kind: 'retry', message: error.message, code, retryAfterMs: error.retryAfterMs }
      : { kind: 'fail', message: error.message, code };
  }
  if (error instanceof LooplyError) return { kind: 'fail', message: error.message, code: error.code };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `non-error thrown: ${String(error)}`;
  return { kind: 'retry', message, code: 'unexpected-error' };
}

/**
 * Delay before attempt `attempt + 1`: exponential from the base, capped, with "equal jitter"
 * (half fixed, half random) so retries of many jobs spread out. A vendor's `retryAfterMs` is a
 * floor: we never come back sooner than asked.
 */
export function retryDelayMs(
  attempt: number,
  settings: RetrySettings,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(settings.retryMaxDelayMs, settings.retryBaseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
