import { ADMIN_ROUTES } from '../admin/admin-api-routes.js';
import { artifactQuerySchema } from '../artifacts/artifacts-router.js';
import { AUTH_ROUTES } from '../auth/auth-api-routes.js';
import { PROFILE_ROUTES } from '../profile/profile-api-routes.js';
import { TEMPLATE_ROUTES } from '../templates/template-api-routes.js';
import { USAGE_ROUTES, VIDEO_ROUTES } from '../videos/video-api-routes.js';
import { REQUEST_SCHEMAS, RESPONSE_SCHEMAS } from './api-components.js';
import { ERROR, type ApiRoute } from './api-route.js';
import { components, operation, type JsonObject } from './openapi-operation.js';

export type { ApiRoute } from './api-route.js';

/** Every route of `/api/v1` (plus the docs), in the order the API reference shows them. */
export const API_ROUTES: ApiRoute[] = [
  ...AUTH_ROUTES,
  ...PROFILE_ROUTES,
  ...VIDEO_ROUTES,
  {
    method: 'post',
    path: '/api/v1/webhooks/{provider}',
    summary: 'Provider callbacks (raw body, signature checked, replay-safe)',
    tag: 'webhooks',
    auth: false,
    rawBody: true,
    pathParameters: [{ name: 'provider', description: 'Provider id, e.g. `vast`, `shotstack`' }],
    responses: {
      200: { description: 'Handled (or a replay)' },
      401: ERROR('Bad signature or timestamp'),
      404: ERROR('Unknown provider'),
      413: ERROR('Body over 1 MB'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/artifacts/{key}',
    summary: 'An artifact for a remote provider, by signed URL (the key may contain `/`)',
    tag: 'system',
    auth: false,
    pathParameters: [{ name: 'key', description: 'Artifact key, e.g. `jobs/<id>/voice/narration.wav`' }],
    query: artifactQuerySchema,
    responses: {
      200: { description: 'The artifact', mediaType: 'application/octet-stream' },
      400: ERROR('Malformed key or path'),
      403: ERROR('Unsigned, forged or expired URL'),
      404: ERROR('No such artifact'),
      405: ERROR('Not GET or HEAD'),
      429: ERROR('Rate limited (see Retry-After)'),
    },
  },
  ...TEMPLATE_ROUTES,
  ...USAGE_ROUTES,
  ...ADMIN_ROUTES,
  {
    method: 'get',
    path: '/api/v1/health',
    summary: 'Database, queue and workers',
    tag: 'system',
    auth: false,
    responses: {
      200: { description: 'Healthy', schema: 'Health' },
      503: { description: 'Degraded', schema: 'Health' },
    },
  },
];

/** The OpenAPI 3.1 document of the API, generated from the zod schemas the routes validate with. */
export function buildOpenApiDocument(options: { publicBaseUrl: string; version: string }): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Looply API',
      version: options.version,
      description:
        'Turn a brief into a narrated video. Errors are always `{ "error": { "code", "message", "details"? } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.publicBaseUrl }],
    tags: [
      { name: 'auth', description: 'Accounts and tokens' },
      { name: 'profile', description: 'Brief defaults' },
      { name: 'videos', description: 'Video jobs' },
      { name: 'templates', description: 'Video templates: script structure and brief presets' },
      { name: 'webhooks', description: 'Provider callbacks' },
      { name: 'admin', description: 'Operators (role admin): users, jobs, analytics' },
      { name: 'system', description: 'Health and documentation' },
    ],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...components(REQUEST_SCHEMAS, 'input'), ...components(RESPONSE_SCHEMAS, 'output') },
    },
  };
}
