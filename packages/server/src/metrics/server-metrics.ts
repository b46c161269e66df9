import { createEngineMetrics, type Engine } from '@looply/core';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { API_ROUTES } from '../openapi/openapi-document.js';
import type { ServerDatabase } from '../persistence/server-database.js';

export interface ServerMetrics {
  readonly registry: Registry;
  /** Counts every request by method, route pattern (never the raw path) and status. */
  httpMiddleware(request: Request, response: Response, next: NextFunction): void;
  close(): void;
}

const HTTP_DURATION_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Documented routes as patterns: a request is labelled with its route even when its handler
 * failed (Express forgets `request.route` once an error unwinds the router).
 */
const DOCUMENTED_ROUTES = API_ROUTES.map((route) => ({
  method: route.method.toUpperCase(),
  label: route.path.replace(/\{(\w+)\}/g, ':$1'),
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
}));

/** The route pattern that answered (`/api/v1/videos/:id`), so ids never become label values. */
function routeOf(request: Request, response: Response): string {
  const path = request.originalUrl.split('?')[0];
  const documented = DOCUMENTED_ROUTES.find((route) => route.method === request.method && route.pattern.test(path));
  if (documented) return documented.label;
  const route = request.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') {
    // A router's own root ('/') reads as its mount path: `/api/v1/videos`, not `/api/v1/videos/`.
    const path = `${request.baseUrl}${route.path}`;
    return path.length > 1 ? path.replace(/\/$/, '') : path;
  }
  return response.statusCode === 404 ? 'unmatched' : 'other';
}

/**
 * The process's metrics: the engine's (steps, errors, retries, cost, jobs, queues, dead letters),
 * HTTP requests, and the outbound callbacks (webhook deliveries) by result, read at scrape.
 */
export function createServerMetrics(options: {
  engine: Engine;
  engineSchema: string;
  database: ServerDatabase;
}): ServerMetrics {
  const registry = new Registry();
  const { database } = options;
  const engineMetrics = createEngineMetrics({
    events: options.engine.events,
    query: (text, values) => database.query(text, values),
    schema: options.engineSchema,
    registry,
  });
  const registers = [registry];

  const requests = new Counter({
    name: 'looply_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const durations = new Histogram({
    name: 'looply_http_request_duration_seconds',
    help: 'HTTP request durations by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: HTTP_DURATION_BUCKETS_SECONDS,
    registers,
  });
  new Gauge({
    name: 'looply_webhook_deliveries',
    help: 'Signed callbacks to users (webhook deliveries) by result: delivered, failed, refused, pending',
    labelNames: ['result'] as const,
    registers,
    async collect() {
      const { rows } = await database.query<{ status: string; deliveries: string }>(
        `select "status", count(*) as "deliveries" from ${database.table('callback_delivery')} group by "status"`,
      );
      const counts = new Map(rows.map((row) => [row.status, Number(row.deliveries)]));
      for (const status of ['DELIVERED', 'FAILED', 'REFUSED', 'PENDING'])
        this.set({ result: status.toLowerCase() }, counts.get(status) ?? 0);
    },
  });

  return {
    registry,
    httpMiddleware(request, response, next) {
      const started = process.hrtime.bigint();
      response.once('finish', () => {
        const route = routeOf(request, response);
        requests.inc({ method: request.method, route, status: String(response.statusCode) });
        durations.observe({ method: request.method, route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
      next();
    },
    close() {
      engineMetrics.close();
    },
  };
}
