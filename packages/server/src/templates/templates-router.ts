import { BUILT_IN_TEMPLATES } from '@looply/core';
import { Router, type Request } from 'express';
import { currentUser, type Authenticator } from '../auth/authenticator.js';
import { notFound } from '../app/http-error.js';
import { parseBody, parseParams } from '../app/validate.js';
import { templateIdParamsSchema, templateRequestSchema, type TemplateResponse } from './template-schemas.js';
import type { UserTemplateStore } from './user-template-store.js';

const BUILT_IN_RESPONSES: TemplateResponse[] = BUILT_IN_TEMPLATES.map((template) => ({
  ...template,
  id: null,
  builtIn: true,
  createdAt: null,
  updatedAt: null,
}));

/** `/templates`: the built-in templates and the caller's own (create, read, replace, delete; other users' are 404). */
export function createTemplatesRouter(dependencies: {
  templates: UserTemplateStore;
  authenticator: Authenticator;
}): Router {
  const { templates, authenticator } = dependencies;
  const router = Router();
  router.use(authenticator.requireUser.bind(authenticator));

  const idOf = (request: Request): string => {
    const params = parseParams(templateIdParamsSchema, request);
    if (!params) throw notFound(`Template ${String(request.params.id)}`);
    return params.id;
  };

  router.get('/', async (_request, response) => {
    response.json({ items: [...BUILT_IN_RESPONSES, ...(await templates.list(currentUser(response).id))] });
  });

  router.post('/', async (request, response) => {
    const template = parseBody(templateRequestSchema, request);
    const created = await templates.create(currentUser(response).id, template);
    response.setHeader('Location', `/api/v1/templates/${created.id}`);
    response.status(201).json(created);
  });

  router.get('/:id', async (request, response) => {
    const found = await templates.get(currentUser(response).id, idOf(request));
    if (!found) throw notFound(`Template ${String(request.params.id)}`);
    response.json(found);
  });

  router.put('/:id', async (request, response) => {
    const id = idOf(request);
    const template = parseBody(templateRequestSchema, request);
    const replaced = await templates.replace(currentUser(response).id, id, template);
    if (!replaced) throw notFound(`Template ${id}`);
    response.json(replaced);
  });

  router.delete('/:id', async (request, response) => {
    const id = idOf(request);
    if (!(await templates.delete(currentUser(response).id, id))) throw notFound(`Template ${id}`);
    response.status(204).end();
  });

  return router;
}
