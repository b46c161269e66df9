import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answers one request of a fake vendor and returns the status it sent; `raw` is the body's bytes (for multipart). */
export type FakeRequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  raw: Buffer,
) => number | Promise<number>;

export interface FakeHttpServer {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * A local HTTP server for a fake vendor API on 127.0.0.1 and a free port: reads each body
 * (JSON when it parses, else text), lets `handle` answer, then reports the exchange to
 * `onHandled` for the fake's request log. A handler that throws answers 500.
 */
export async function startFakeHttpServer(
  handle: FakeRequestHandler,
  onHandled: (request: IncomingMessage, body: unknown, status: number) => void = () => {},
): Promise<FakeHttpServer> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = raw.toString('utf8');
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      Promise.resolve()
        .then(() => handle(request, response, body, raw))
        .then(
          (status) => onHandled(request, body, status),
          (error: unknown) => {
            onHandled(request, body, 500);
            if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ detail: String(error) }));
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers with a JSON body (plus `headers`) and returns the status, as a `FakeRequestHandler` does. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): number {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
  return status;
}

/** One exchange a fake records: what was asked, the parsed body, and the status it answered. */
export interface RecordedFakeRequest {
  method: string;
  /** The path without its query string. */
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
}

/** An `onHandled` for `startFakeHttpServer` that appends every exchange to `requests`, in order. */
export function recordFakeRequests(
  requests: RecordedFakeRequest[],
): (request: IncomingMessage, body: unknown, status: number) => void {
  return (request, body, status) => {
    requests.push({
      method: request.method ?? 'GET',
      path: new URL(request.url ?? '/', 'http://fake').pathname,
      headers: request.headers,
      body,
      status,
    });
  };
}
