import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';

/** `GET /openapi.json` and the Swagger UI at `/docs`. */
export function createDocsRouter(document: Record<string, unknown>): Router {
  const router = Router();
  router.get('/openapi.json', (_request, response) => {
    response.json(document);
  });
  router.use('/docs', swaggerUi.serve);
  router.get('/docs', swaggerUi.setup(document, { customSiteTitle: 'Looply API' }));
  return router;
}
