import { ProviderError } from '@looply/core';

/** The vendor's error body (lenient: a vendor adding a field never breaks us). */
interface AcmeErrorBody {
  error?: { message?: string | null; code?: string | null } | null;
}

/** Maps a failed Acme response to a `ProviderError`: 429 and 5xx are retryable (honouring Retry-After), the rest are not. */
export async function acmeError(response: Response): Promise<ProviderError> {
  const body = (await response.json().catch(() => ({}))) as AcmeErrorBody;
  const vendorMessage = body.error?.message ?? response.statusText;
  const retryAfterSeconds = Number(response.headers.get('retry-after'));
  const retryable = response.status === 429 || response.status >= 500;
  const hint = response.status === 401 || response.status === 403 ? ' (check the API key, ACME_API_KEY)' : '';
  return new ProviderError({
    provider: 'acme',
    message: `Acme Images answered ${response.status}: ${vendorMessage}${hint}`,
    retryable,
    retryAfterMs: Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : undefined,
    statusCode: response.status,
    code: body.error?.code ?? undefined,
  });
}
