import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

function sameToken(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Answers a scrape: 401 without `Authorization: Bearer <token>` when a token is set, else the
 * registry in the Prometheus text format. A failed collection (database down) is a 503.
 */
export async function answerScrape(
  registry: Registry,
  token: string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (token !== undefined) {
    const header = request.headers.authorization ?? '';
    const given = /^Bearer (.+)$/i.exec(header)?.[1] ?? '';
    if (!sameToken(given, token)) {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="metrics"' });
      response.end(
        JSON.stringify({
          error: { code: 'unauthorized', message: 'Metrics need "Authorization: Bearer <METRICS_TOKEN>"' },
        }),
      );
      return;
    }
  }
  try {
    const body = await registry.metrics();
    response.writeHead(200, { 'content-type': registry.contentType });
    response.end(body);
  } catch (error) {
    response.writeHead(503, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        error: { code: 'metrics-unavailable', message: `Could not collect the metrics: ${(error as Error).message}` },
      }),
    );
  }
}
