import fc from 'fast-check';
import { API_ROUTES, type ApiRoute } from '../openapi/openapi-document.js';
import { bodyKinds, nearlyValidBody } from './fuzz-bodies.js';
import { authorization, pathSegment, queryString } from './fuzz-request-parts.js';

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
