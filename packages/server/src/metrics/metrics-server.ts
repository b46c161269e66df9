import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { startHttpServer, type RunningHttpServer } from '../http/start-http-server.js';
import { answerScrape } from './metrics-endpoint.js';

/** A listener of its own for `GET /metrics` (`METRICS_PORT`, `looply worker --metrics-port`), apart from the public API. */
export function startMetricsServer(options: {
  registry: Registry;
  port: number;
  host?: string;
  token?: string;
}): Promise<RunningHttpServer> {
  return startHttpServer(
    (request: IncomingMessage, response: ServerResponse) => {
      const path = (request.url ?? '/').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ error: { code: 'route-not-found', message: 'Only GET /metrics is served here' } }),
        );
        return;
      }
      void answerScrape(options.registry, options.token, request, response);
    },
    { port: options.port, host: options.host },
  );
}
