import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedCallbackUrl } from './callback-url-policy.js';

/**
 * Request options that reach only the address the URL policy checked: the DNS answer that passed
 * is pinned, so no second lookup can point the request elsewhere (DNS rebinding).
 */
export function pinnedTransport(target: CheckedCallbackUrl): {
  transport: typeof http | typeof https;
  lookup: LookupFunction;
} {
  const { url, address } = target;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        address,
      ]);
    else callback(null, address.address, address.family);
  };
  return { transport: url.protocol === 'https:' ? https : http, lookup };
}
