import { parseRetryAfterMs } from '@looply/core/provider-utils';
import type { CheckedCallbackUrl } from './callback-url-policy.js';
import { pinnedTransport } from './pinned-request.js';

export interface CallbackResponse {
  status: number;
  /** Seconds from a `Retry-After` header (seconds or HTTP date), when given. */
  retryAfterSeconds?: number;
}

/** Reads at most this much of a receiver's answer (it is never shown to anyone). */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs one callback to the checked address only (the DNS answer that passed the policy is pinned:
 * no second lookup can point it elsewhere). Redirects are not followed; the answer is discarded.
 */
export function sendCallback(
  target: CheckedCallbackUrl,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<CallbackResponse> {
  const { url } = target;
  const { transport, lookup: pinnedLookup } = pinnedTransport(target);
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Looply-Webhooks/1',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
        lookup: pinnedLookup,
        timeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) response.destroy();
        });
        const done = () =>
          resolve({
            status: response.statusCode ?? 0,
            retryAfterSeconds: retryAfterSecondsOf(response.headers['retry-after']),
          });
        response.once('end', done);
        response.once('close', done);
        response.once('error', done);
      },
    );
    request.once('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.once('error', reject);
    request.end(body);
  });
}

/** A receiver's `Retry-After` in whole seconds (the dispatcher caps the wait at its maximum delay). */
function retryAfterSecondsOf(header: string | string[] | undefined): number | undefined {
  const milliseconds = parseRetryAfterMs(Array.isArray(header) ? header[0] : header);
  return milliseconds === undefined ? undefined : Math.ceil(milliseconds / 1000);
}
