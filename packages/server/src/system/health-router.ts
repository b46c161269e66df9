import { Router } from 'express';
import type { HealthCheck } from './health-check.js';

/** `GET /health`: 200 when the database and queue answer, 503 otherwise; always the report. */
export function createHealthRouter(health: HealthCheck): Router {
  const router = Router();
  router.get('/', async (_request, response) => {
    const report = await health.report();
    response.setHeader('Cache-Control', 'no-store');
    response.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  return router;
}
