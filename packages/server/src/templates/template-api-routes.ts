import { COMMON_AUTH_ERRORS, ERROR, type ApiRoute } from '../openapi/api-route.js';

const TEMPLATE_ID = [{ name: 'id', description: 'Template id (your own templates only)', format: 'uuid' }];

/** `/api/v1/templates`: the caller's own templates (and the built-in ones). */
export const TEMPLATE_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/v1/templates',
    summary: 'The built-in templates and your own',
    tag: 'templates',
    auth: true,
    responses: { 200: { description: 'Templates', schema: 'TemplateList' }, ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'post',
    path: '/api/v1/templates',
    summary: 'Save a template of your own',
    tag: 'templates',
    auth: true,
    body: 'TemplateRequest',
    responses: {
      201: { description: 'Created', schema: 'Template', headers: ['Location'] },
      400: ERROR('Invalid template'),
      409: ERROR('Name already used (yours or a built-in one)'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/templates/{id}',
    summary: 'One of your templates',
    tag: 'templates',
    auth: true,
    pathParameters: TEMPLATE_ID,
    responses: {
      200: { description: 'The template', schema: 'Template' },
      404: ERROR('No such template of yours'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'put',
    path: '/api/v1/templates/{id}',
    summary: 'Replace one of your templates',
    tag: 'templates',
    auth: true,
    pathParameters: TEMPLATE_ID,
    body: 'TemplateRequest',
    responses: {
      200: { description: 'Replaced', schema: 'Template' },
      400: ERROR('Invalid template'),
      404: ERROR('No such template of yours'),
      409: ERROR('Name already used'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'delete',
    path: '/api/v1/templates/{id}',
    summary: 'Delete one of your templates',
    tag: 'templates',
    auth: true,
    pathParameters: TEMPLATE_ID,
    responses: { 204: { description: 'Deleted' }, 404: ERROR('No such template of yours'), ...COMMON_AUTH_ERRORS },
  },
];
