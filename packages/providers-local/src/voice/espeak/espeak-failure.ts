import { ProviderError } from '@looply/core';

/** espeak-ng exited with an error: never worth retrying, the same input fails the same way. */
export function espeakFailure(description: string, detail: string, cause?: unknown): ProviderError {
  return new ProviderError({
    provider: 'local',
    retryable: false,
    code: 'espeak-failed',
    message: `${description} failed: ${detail.trim() || 'no error output'}`,
    cause,
  });
}
