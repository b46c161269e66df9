import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface RunningHttpServer {
  server: Server;
  port: number;
  /** Stops accepting connections, lets requests in progress finish for up to `graceMs`, then cuts the rest (event streams). */
  close(graceMs?: number): Promise<void>;
}

/** Listens on `host:port` (port 0: a free one). */
export function startHttpServer(
  app: RequestListener,
  options: { port: number; host?: string; requestTimeoutMs?: number; headersTimeoutMs?: number },
): Promise<RunningHttpServer> {
  // A client that sends its headers or body too slowly is cut (408) instead of holding a connection;
  // the timeouts are checked every second. They bound receiving the request, not the response (event streams).
  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      headersTimeout: options.headersTimeoutMs ?? 20_000,
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  // Slightly above common proxy idle timeouts, so the proxy closes first.
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        port,
        close: (graceMs = 10_000) =>
          new Promise<void>((closed) => {
            const timer = setTimeout(() => server.closeAllConnections(), graceMs);
            timer.unref();
            server.close(() => {
              clearTimeout(timer);
              closed();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
