import fc from 'fast-check';
import type { FuzzContext } from './fuzz-requests.js';

/** A path parameter: an existing id, a random UUID, or an encoding or traversal trick. */
export function pathSegment(context: FuzzContext): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...context.videoIds), weight: 3 },
    { arbitrary: fc.uuid().map(String), weight: 2 },
    {
      arbitrary: fc.constantFrom(
        '%ZZ',
        '%',
        '%E0%A4%A',
        '..',
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e%2f%2e%2e',
        '%00',
        'a%00b',
        '%C0%AE%C0%AE',
        '%FF',
        'mock',
        'vast',
        'shotstack',
        'x'.repeat(300),
      ),
      weight: 3,
    },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => encodeURIComponent(text)), weight: 2 },
  );
}

/** A query string with the API's parameter names, hostile values and duplicate keys. */
export function queryString(): fc.Arbitrary<string> {
  const pair = fc.tuple(
    fc.constantFrom('page', 'pageSize', 'status', 'expires', 'signature', 'x', '__proto__', 'page[]', 'status[a]'),
    fc.oneof(
      fc.constantFrom('1', '0', '-1', '1e9', 'NaN', 'RUNNING', 'COMPLETED', '%ZZ', '%00', '', 'a,b'),
      fc.string({ maxLength: 8 }).map(encodeURIComponent),
    ),
  );
  // Duplicate keys included on purpose (`page=1&page=2`).
  return fc
    .array(pair, { maxLength: 5 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}` : ''));
}

/** An Authorization header: mostly a valid token (a revocable one for routes that revoke), else a bad or malformed one. */
export function authorization(context: FuzzContext, revokes: boolean): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    {
      arbitrary: fc
        .constantFrom(...(revokes ? context.revokingTokens : context.tokens))
        .map((token) => `Bearer ${token}`),
      weight: 6,
    },
    { arbitrary: fc.constantFrom(...context.badTokens).map((token) => `Bearer ${token}`), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        undefined,
        'Bearer',
        'Bearer ',
        'Basic YTpi',
        'Bearer a.b.c',
        `Bearer ${'x'.repeat(5000)}`,
      ),
      weight: 2,
    },
  );
}
