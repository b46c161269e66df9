import { encodeGradientPng, startFakeHttpServer, type FakeHttpServer } from '@looply/core/testing';

export interface RecordedAcmeRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FakeAcmeServer extends FakeHttpServer {
  /** Every request received, in order. */
  requests: RecordedAcmeRequest[];
  /** Idempotency keys received. */
  idempotencyKeys: Set<string>;
  /** The next request is answered with this status (and headers), as Acme would. */
  failNext(status: number, headers?: Record<string, string>): void;
}

const EXPECTED_KEY = /^Bearer \S+$/;

/**
 * A local stand-in for the Acme Images API: `POST /v1/images` with `{ prompt, width, height }`
 * answers a real PNG of that size; a missing key answers 401, like the vendor.
 */
export async function startFakeAcmeServer(): Promise<FakeAcmeServer> {
  const requests: RecordedAcmeRequest[] = [];
  const idempotencyKeys = new Set<string>();
  const failures: { status: number; headers: Record<string, string> }[] = [];
  const server = await startFakeHttpServer((request, response, body) => {
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string') idempotencyKeys.add(key);
    const failure = failures.shift();
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));
      return status;
    };
    if (failure)
      return json(
        failure.status,
        { error: { message: `injected failure ${failure.status}`, code: 'injected' } },
        failure.headers,
      );
    if (request.method !== 'POST' || request.url !== '/v1/images')
      return json(404, { error: { message: 'no such route' } });
    if (!EXPECTED_KEY.test(String(request.headers.authorization ?? '')))
      return json(401, { error: { message: 'invalid API key', code: 'unauthorized' } });
    const { width, height, prompt } = (body ?? {}) as { width?: number; height?: number; prompt?: string };
    if (!Number.isInteger(width) || !Number.isInteger(height) || typeof prompt !== 'string') {
      return json(400, { error: { message: 'prompt, width and height are required', code: 'invalid_request' } });
    }
    const image = encodeGradientPng({ width: width!, height: height!, topColor: '#1d3557', bottomColor: '#e63946' });
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length }).end(image);
    return 200;
  });
  return {
    ...server,
    requests,
    idempotencyKeys,
    failNext(status, headers = {}) {
      failures.push({ status, headers });
    },
  };
}
