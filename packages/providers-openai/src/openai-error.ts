import { AbortedError, ProviderError } from '@looply/core';
import { retryAfterMsFromHeaders as readRetryAfter } from '@looply/core/provider-utils';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';

export const OPENAI_PROVIDER_ID = 'openai';

/** The SDK ignores `retry-after` beyond a minute and so do we: a longer wait is the runner's backoff to choose. */
const MAX_RETRY_AFTER_MS = 60_000;

export interface OpenAIErrorContext {
  /** What we were doing, e.g. `script generation`, `speech for scene 2`. */
  operation: string;
  abortSignal?: AbortSignal;
  timeoutMs?: number;
}

/** Reads `retry-after-ms` or `retry-after` (seconds or an HTTP date), as the SDK does: a longer ask than a minute is ignored. */
export function retryAfterMsFromHeaders(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  return readRetryAfter(headers, { maxMs: MAX_RETRY_AFTER_MS, whenLonger: 'ignore', now });
}

/** OpenAI's 429 messages say "Please try again in 644ms" / "in 1.5s" even without a header. */
export function retryAfterMsFromMessage(message: string): number | undefined {
  const match = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(message);
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2].toLowerCase() === 's' ? 1000 : 1);
  return value <= MAX_RETRY_AFTER_MS ? Math.ceil(value) : undefined;
}

function vendorMessage(error: APIError): string {
  const inner = (error.error as { message?: unknown } | undefined)?.message;
  return typeof inner === 'string' && inner.length > 0 ? inner : error.message;
}

function withRequestId(message: string, error: APIError): string {
  return error.requestID ? `${message} (request ${error.requestID})` : message;
}

/**
 * Maps anything the OpenAI SDK throws to core's `ProviderError` (or `AbortedError`), deciding
 * what the runner may retry: 429 rate limits, 408, 409, 5xx, connection errors and timeouts are
 * retryable; a bad key, missing quota, bad requests and refusals are not.
 */
export function mapOpenAIError(error: unknown, context: OpenAIErrorContext): Error {
  if (error instanceof ProviderError || error instanceof AbortedError) return error;
  if (error instanceof APIUserAbortError || context.abortSignal?.aborted) {
    return new AbortedError(`OpenAI ${context.operation} was aborted`);
  }
  if (error instanceof APIConnectionTimeoutError) {
    const after = context.timeoutMs ? ` after ${context.timeoutMs} ms` : '';
    return new ProviderError({
      provider: OPENAI_PROVIDER_ID,
      message: `OpenAI ${context.operation} timed out${after}`,
      retryable: true,
      code: 'timeout',
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new ProviderError({
      provider: OPENAI_PROVIDER_ID,
      message: `OpenAI ${context.operation} could not reach the API (${error.message}${cause}); check OPENAI_BASE_URL and the network`,
      retryable: true,
      code: 'connection-error',
      cause: error,
    });
  }
  if (error instanceof APIError) return mapStatusError(error, context);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError({
    provider: OPENAI_PROVIDER_ID,
    message: `OpenAI ${context.operation} failed: ${message}`,
    retryable: false,
    cause: error,
  });
}

function mapStatusError(error: APIError, context: OpenAIErrorContext): ProviderError {
  const status = error.status ?? 0;
  const code = error.code ?? undefined;
  const detail = vendorMessage(error);
  const base = { provider: OPENAI_PROVIDER_ID, statusCode: status, code, cause: error };

  if (status === 401 || code === 'invalid_api_key') {
    return new ProviderError({
      ...base,
      retryable: false,
      message: withRequestId(
        `OpenAI rejected the API key (${status} ${code ?? 'unauthorized'}): set a valid OPENAI_API_KEY. OpenAI said: ${detail}`,
        error,
      ),
    });
  }
  if (code === 'insufficient_quota') {
    return new ProviderError({
      ...base,
      retryable: false,
      message: withRequestId(
        `OpenAI quota exhausted (${status} insufficient_quota): add credit or raise the limit in the OpenAI billing settings. OpenAI said: ${detail}`,
        error,
      ),
    });
  }
  if (status === 429 || status === 408 || status === 409 || status >= 500) {
    const retryAfterMs =
      retryAfterMsFromHeaders(error.headers) ?? (status === 429 ? retryAfterMsFromMessage(detail) : undefined);
    const reason = status === 429 ? 'rate limited' : status >= 500 ? 'server error' : 'temporary error';
    return new ProviderError({
      ...base,
      retryable: true,
      retryAfterMs,
      message: withRequestId(
        `OpenAI ${context.operation}: ${reason} (${status}${code ? ` ${code}` : ''}): ${detail}`,
        error,
      ),
    });
  }
  const hint =
    status === 403
      ? ' (the key has no access to this model or region)'
      : status === 404
        ? ' (check the model id and OPENAI_BASE_URL, which must end in /v1)'
        : '';
  return new ProviderError({
    ...base,
    retryable: false,
    message: withRequestId(
      `OpenAI ${context.operation} failed (${status}${code ? ` ${code}` : ''})${hint}: ${detail}`,
      error,
    ),
  });
}

/** Runs one SDK call and maps whatever it throws. */
export async function callOpenAI<T>(context: OpenAIErrorContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapOpenAIError(error, context);
  }
}
