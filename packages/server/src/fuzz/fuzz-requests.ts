import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { API_ROUTES, type ApiRoute } from '../openapi/openapi-document.js';

/** One generated request, replayable from the run's seed. */
export interface FuzzRequest {
  method: string;
  /** Sent byte for byte (percent-encoding included). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** What the generator may use: ids and tokens that exist, so some requests reach deep into the handlers. */
export interface FuzzContext {
  /** Valid bearer tokens (owner of `videoIds`, another user). */
  tokens: string[];
  /** Tokens for logout and password change, which revoke them (so `tokens` stay valid). */
  revokingTokens: string[];
  /** Tokens that must be refused: expired, wrong secret, non-UUID subject. */
  badTokens: string[];
  /** Ids of existing videos (finished, so event streams end at once). */
  videoIds: string[];
}

const FIELD_NAMES = [
  'topic',
  'tone',
  'durationSec',
  'language',
  'aspectRatio',
  'style',
  'voice',
  'music',
  'callbackUrl',
  'providers',
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'displayName',
  'defaultLanguage',
  'defaultVoice',
  'defaultStyle',
  'defaultAspectRatio',
  'source',
  'volume',
  'status',
  'ownerId',
  '__proto__',
  'constructor',
];

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF',
    '\u202E',
    '%00',
    '%ZZ',
    '../../../../etc/passwd',
    '..\\..\\windows',
    ' http://1.2.3.4/../../../../var/data/secret.wav',
    'http://[::127.0.0.1]/',
    'http://[::ffff:0:7f00:1]/',
    'file:///etc/passwd',
    "'; drop table user_account; --",
    '{{7*7}}',
    '${jndi:ldap://x}',
    'a@b.c',
    'solar power',
    'correct horse battery',
    '9:16',
    'en',
    'modern',
    'mock',
    'NaN',
    '-1',
    '1e309',
  ),
  fc.integer({ min: 1000, max: 120_000 }).map((length) => 'x'.repeat(length)),
);

const scalar = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 5, 6, 30, 180, 181, true, false, null),
);

const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 })), tie('value'), {
      maxKeys: 6,
    }),
  ),
})).value;

/** Objects shaped like the API's bodies: known field names with hostile values. */
const bodyLike = fc.dictionary(fc.constantFrom(...FIELD_NAMES), jsonValue, { maxKeys: 6 });

const deepNesting = fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));

type BodyKind = { text: string | Buffer; contentType?: string; encoding?: string };

const jsonText = fc.oneof(
  bodyLike.map((value) => JSON.stringify(value)),
  jsonValue.map((value) => JSON.stringify(value) ?? 'null'),
);

/** Valid bodies per documented request schema, each with at most one field replaced by a hostile value. */
const VALID_BODIES: Record<string, object> = {
  RegisterRequest: { email: 'fuzz@example.com', password: 'correct horse battery' },
  LoginRequest: { email: 'fuzz@example.com', password: 'correct horse battery' },
  ChangePasswordRequest: { currentPassword: 'correct horse battery', newPassword: 'another long password' },
  ProfilePatch: { displayName: 'Fuzz', defaultVoice: 'alloy' },
  VideoRequest: { topic: 'solar power', durationSec: 6, music: { source: 'https://93.184.216.34/track.mp3' } },
};

function nearlyValidBody(route: ApiRoute): fc.Arbitrary<BodyKind> | null {
  const valid = route.body ? VALID_BODIES[route.body] : undefined;
  if (!valid) return null;
  const keys = [...Object.keys(valid), ...FIELD_NAMES];
  return fc.option(fc.tuple(fc.constantFrom(...keys), fc.oneof(nastyString, jsonValue)), { freq: 4 }).map((change) => ({
    text: JSON.stringify(change ? { ...valid, [change[0]]: change[1] } : valid),
    contentType: 'application/json',
  }));
}

const bodyKinds: fc.Arbitrary<BodyKind> = fc.oneof(
  { arbitrary: jsonText.map((text) => ({ text, contentType: 'application/json' })), weight: 6 },
  {
    arbitrary: fc
      .constantFrom('{', '{"topic":', '[1,2', '{"a":1}}', 'nul', '\u0000', '{"topic":"\\u0000"}', '{"topic":"\\ud800"}')
      .map((text) => ({ text, contentType: 'application/json' })),
    weight: 2,
  },
  { arbitrary: deepNesting.map((text) => ({ text, contentType: 'application/json' })), weight: 1 },
  {
    arbitrary: jsonText.map((text) => ({ text: gzipSync(text), contentType: 'application/json', encoding: 'gzip' })),
    weight: 1,
  },
  {
    arbitrary: jsonText.map((text) => ({
      text: deflateSync(text),
      contentType: 'application/json',
      encoding: 'deflate',
    })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'gzip, gzip'),
      )
      .map(([bytes, encoding]) => ({ text: Buffer.from(bytes), contentType: 'application/json', encoding })),
    weight: 1,
  },
  {
    arbitrary: fc
      .tuple(
        jsonText,
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/json; charset=utf-16',
          'application/json; charset=bogus',
          'application/xml',
          '',
          'application/*',
        ),
      )
      .map(([text, contentType]) => ({ text, contentType })),
    weight: 2,
  },
  {
    arbitrary: fc
      .uint8Array({ maxLength: 256 })
      .map((bytes) => ({ text: Buffer.from(bytes), contentType: 'application/octet-stream' })),
    weight: 1,
  },
);

function pathSegment(context: FuzzContext): fc.Arbitrary<string> {
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

function queryString(): fc.Arbitrary<string> {
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

function authorization(context: FuzzContext, revokes: boolean): fc.Arbitrary<string | undefined> {
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

function routeRequest(route: ApiRoute, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const methods = fc.oneof(
    { arbitrary: fc.constant(route.method.toUpperCase()), weight: 8 },
    { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), weight: 1 },
  );
  const nearly = nearlyValidBody(route);
  const segments = route.path
    .split('/')
    .map((part) => (/^\{.+\}$/.test(part) ? pathSegment(context) : fc.constant(part)));
  return fc
    .record({
      method: methods,
      parts: fc.tuple(...segments),
      query: queryString(),
      auth: authorization(context, route.path === '/api/v1/auth/logout' || route.path === '/api/v1/auth/password'),
      body: fc.option(
        nearly ? fc.oneof({ arbitrary: nearly, weight: 2 }, { arbitrary: bodyKinds, weight: 3 }) : bodyKinds,
        { freq: 4 },
      ),
      idempotencyKey: fc.option(
        fc.oneof(fc.uuid().map(String), fc.constantFrom('', ' ', 'x'.repeat(300), 'é', 'key')),
        { freq: 3 },
      ),
      origin: fc.option(fc.constantFrom('https://evil.example', 'null'), { freq: 5 }),
      range: fc.option(
        fc.constantFrom('bytes=0-10', 'bytes=-5', 'bytes=999999999-', 'bytes=5-1', 'bytes=0-1,3-4', 'items=0-1'),
        { freq: 5 },
      ),
    })
    .map(({ method, parts, query, auth, body, idempotencyKey, origin, range }) => {
      const headers: Record<string, string> = {};
      if (auth !== undefined) headers.authorization = auth;
      if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
      if (origin !== null) headers.origin = origin;
      if (range !== null) headers.range = range;
      // Event streams of finished videos end at once; keep them from waiting on live ones anyway.
      const request: FuzzRequest = { method, path: parts.join('/') + query, headers };
      if (body !== null && method !== 'GET' && method !== 'HEAD') {
        if (body.contentType !== undefined) headers['content-type'] = body.contentType;
        if (body.encoding !== undefined) headers['content-encoding'] = body.encoding;
        request.body = Buffer.isBuffer(body.text) ? body.text : Buffer.from(body.text);
      }
      return request;
    });
}

/** Requests over every documented route (plus unknown ones), weighted towards the routes with bodies. */
export function fuzzRequests(context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const routed = API_ROUTES.map((route) => ({
    arbitrary: routeRequest(route, context),
    weight: route.body || route.rawBody ? 3 : 1,
  }));
  const unknown = fc
    .record({
      path: fc.constantFrom(
        '/api/v1/../../etc/passwd',
        '/api/v2/videos',
        '/api/v1/videos/',
        '//api//v1//videos',
        '/api/v1/%2e%2e/health',
        '/docs/%ZZ',
        '/openapi.json?x=%ZZ',
      ),
    })
    .map(({ path }): FuzzRequest => ({ method: 'GET', path, headers: {} }));
  return fc.oneof(...routed, { arbitrary: unknown, weight: 1 });
}
