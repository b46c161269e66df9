import { Readable } from 'node:stream';
import { CallbackUrlRefusedError, type CallbackUrlPolicy } from './callback-url-policy.js';
import { pinnedTransport } from './pinned-request.js';

/** A URL refused by the policy at fetch time. Final: `retryable` is false (asking again changes nothing). */
export class OutboundUrlRefusedError extends Error {
  override readonly name = 'OutboundUrlRefusedError';
  readonly retryable = false;
}

/** Statuses whose response has no body (a `Response` refuses one). */
const NO_BODY = new Set([204, 205, 304]);

/**
 * A `fetch` for URLs a client named (a brief's music URL): the same policy as callbacks runs again
 * now, on a fresh DNS answer, and the request goes to the address that passed (pinned: a second
 * lookup cannot point it elsewhere, the DNS-rebinding case). GET/HEAD only, redirects are never
 * followed (a 3xx is handed back as is), TLS still checks the certificate against the URL's host.
 */
export function createPolicyCheckedFetch(policy: CallbackUrlPolicy): typeof globalThis.fetch {
  return async (input, init) => {
    const raw = input instanceof Request ? input.url : String(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') throw new TypeError(`only GET and HEAD are allowed, not ${method}`);
    let checked;
    try {
      checked = await policy.check(raw);
    } catch (error) {
      if (error instanceof CallbackUrlRefusedError)
        throw new OutboundUrlRefusedError(`the URL was refused: ${error.message.replace(/^callbackUrl /, '')}`);
      throw error;
    }
    const { url } = checked;
    const { transport, lookup: pinnedLookup } = pinnedTransport(checked);
    const signal = init?.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(
        url,
        { method, headers: { 'user-agent': 'Looply/1', accept: '*/*' }, lookup: pinnedLookup, signal },
        (incoming) => {
          const status = incoming.statusCode ?? 502;
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value === undefined) continue;
            for (const each of Array.isArray(value) ? value : [value]) headers.append(name, each);
          }
          const body =
            NO_BODY.has(status) || method === 'HEAD'
              ? null
              : (Readable.toWeb(incoming) as unknown as ReadableStream<Uint8Array>);
          if (body === null) incoming.resume();
          resolve(new Response(body, { status, statusText: incoming.statusMessage, headers }));
        },
      );
      request.once('error', reject);
      request.end();
    });
  };
}
