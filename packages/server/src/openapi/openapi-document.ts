import { z } from 'zod';
import { ADMIN_ROUTES } from '../admin/admin-api-routes.js';
import {
  adminJobDetailSchema,
  adminJobListSchema,
  adminSessionSchema,
  adminUserListSchema,
  adminUserPatchSchema,
  adminUserSchema,
  analyticsSchema,
} from '../admin/admin-schemas.js';
import { quotaUsageSchema } from '../videos/usage-schema.js';
import { errorBodySchema } from '../app/error-body.js';
import { artifactQuerySchema } from '../artifacts/artifacts-router.js';
import {
  changePasswordBodySchema,
  loginBodySchema,
  registerBodySchema,
  tokenResponseSchema,
  userEnvelopeSchema,
  userResponseSchema,
} from '../auth/auth-schemas.js';
import { profilePatchSchema, profileResponseSchema } from '../profile/profile-schemas.js';
import { healthResponseSchema } from '../system/health-check.js';
import {
  listVideosQuerySchema,
  videoListResponseSchema,
  videoRequestSchema,
  videoResponseSchema,
} from '../videos/video-schemas.js';
import {
  templateListResponseSchema,
  templateRequestSchema,
  templateResponseSchema,
} from '../templates/template-schemas.js';

type JsonObject = Record<string, unknown>;

const REQUEST_SCHEMAS = {
  RegisterRequest: registerBodySchema,
  LoginRequest: loginBodySchema,
  ChangePasswordRequest: changePasswordBodySchema,
  ProfilePatch: profilePatchSchema,
  VideoRequest: videoRequestSchema,
  TemplateRequest: templateRequestSchema,
  AdminUserPatch: adminUserPatchSchema,
} as const;

const RESPONSE_SCHEMAS = {
  User: userResponseSchema,
  UserEnvelope: userEnvelopeSchema,
  TokenResponse: tokenResponseSchema,
  Profile: profileResponseSchema,
  Video: videoResponseSchema,
  VideoList: videoListResponseSchema,
  Health: healthResponseSchema,
  Error: errorBodySchema,
  Template: templateResponseSchema,
  TemplateList: templateListResponseSchema,
  QuotaUsage: quotaUsageSchema,
  AdminSession: adminSessionSchema,
  AdminUser: adminUserSchema,
  AdminUserList: adminUserListSchema,
  AdminJobList: adminJobListSchema,
  AdminJobDetail: adminJobDetailSchema,
  Analytics: analyticsSchema,
} as const;

type ComponentName = keyof typeof REQUEST_SCHEMAS | keyof typeof RESPONSE_SCHEMAS;

interface ApiResponse {
  description: string;
  schema?: ComponentName;
  /** Non-JSON content, e.g. `text/event-stream` or `video/mp4`. */
  mediaType?: string;
  headers?: string[];
}

/** One documented route. The routers use the same zod schemas, so the document cannot drift from validation. */
export interface ApiRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: boolean;
  body?: keyof typeof REQUEST_SCHEMAS;
  /** Raw (non-JSON) body, for webhooks. */
  rawBody?: boolean;
  query?: z.ZodObject;
  pathParameters?: Array<{ name: string; description: string; format?: string }>;
  headerParameters?: Array<{ name: string; description: string }>;
  responses: Record<number, ApiResponse>;
}

const ERROR = (description: string): ApiResponse => ({ description, schema: 'Error' });
const VIDEO_ID = [{ name: 'id', description: 'Video (job) id', format: 'uuid' }];
const TEMPLATE_ID = [{ name: 'id', description: 'Template id (your own templates only)', format: 'uuid' }];
const COMMON_AUTH_ERRORS = {
  401: ERROR('Missing, invalid, expired or revoked token'),
  429: ERROR('Rate limited (see Retry-After)'),
};

/** Every route of `/api/v1` (plus the docs), in the order the API reference shows them. */
export const API_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/api/v1/auth/register',
    summary: 'Create an account',
    tag: 'auth',
    auth: false,
    body: 'RegisterRequest',
    responses: {
      201: { description: 'Created', schema: 'UserEnvelope' },
      400: ERROR('Invalid email or password (8–128 characters)'),
      409: ERROR('Email already registered'),
      429: ERROR('Too many attempts'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Log in: returns a JWT',
    tag: 'auth',
    auth: false,
    body: 'LoginRequest',
    responses: {
      200: { description: 'Logged in', schema: 'TokenResponse' },
      400: ERROR('Malformed body'),
      401: ERROR('Email or password is incorrect'),
      429: ERROR('Too many attempts or failed logins'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/auth/me',
    summary: 'The caller',
    tag: 'auth',
    auth: true,
    responses: { 200: { description: 'The caller', schema: 'UserEnvelope' }, ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: "Revoke every one of the caller's tokens",
    tag: 'auth',
    auth: true,
    responses: { 204: { description: 'Revoked' }, ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'post',
    path: '/api/v1/auth/password',
    summary: 'Change the password (revokes older tokens, returns a new one)',
    tag: 'auth',
    auth: true,
    body: 'ChangePasswordRequest',
    responses: {
      200: { description: 'Changed', schema: 'TokenResponse' },
      400: ERROR('Invalid new password'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/profile',
    summary: "The caller's profile (brief defaults, callback signing secret)",
    tag: 'profile',
    auth: true,
    responses: { 200: { description: 'Profile', schema: 'Profile' }, ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'patch',
    path: '/api/v1/profile',
    summary: 'Change brief defaults (null clears one)',
    tag: 'profile',
    auth: true,
    body: 'ProfilePatch',
    responses: {
      200: { description: 'Profile', schema: 'Profile' },
      400: ERROR('Invalid field'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: '/api/v1/videos',
    summary: 'Create a video job from a brief',
    tag: 'videos',
    auth: true,
    body: 'VideoRequest',
    headerParameters: [
      {
        name: 'Idempotency-Key',
        description:
          'Same key and body → the same job (200, `Idempotent-Replayed: true`); another body → 422. Remembered 24 h.',
      },
    ],
    responses: {
      202: { description: 'Accepted: the job', schema: 'Video', headers: ['Location'] },
      200: { description: 'Replay of an Idempotency-Key', schema: 'Video' },
      400: ERROR('Invalid brief (unknown fields included) or refused callback URL'),
      403: ERROR('The video exceeds the daily allowance outright'),
      422: ERROR('Idempotency-Key reused with another body'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos',
    summary: "The caller's videos, newest first",
    tag: 'videos',
    auth: true,
    query: listVideosQuerySchema,
    responses: {
      200: { description: 'A page', schema: 'VideoList' },
      400: ERROR('Invalid query'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}',
    summary: 'One video: status, progress, steps, videoUrl, usage',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'The video', schema: 'Video' },
      404: ERROR('No such video of yours'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: '/api/v1/videos/{id}/cancel',
    summary:
      'Cancel an unfinished video. Exactly one cancel succeeds: of two sent at once, one is a 200 and the other a 409 (the video is then already CANCELLED)',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'Cancelled (by this request)', schema: 'Video' },
      404: ERROR('No such video of yours'),
      409: ERROR('Already finished: COMPLETED, FAILED, or CANCELLED (also by a cancel sent at the same time)'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: '/api/v1/videos/{id}/retry',
    summary:
      'Retry a FAILED video in place: the same video, its failed steps re-run with fresh attempts (finished steps are kept). Uses no new daily video or seconds; counts as an unfinished video again',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      202: { description: 'Re-queued (follow it as before: GET or /events)', schema: 'Video', headers: ['Location'] },
      404: ERROR('No such video of yours'),
      409: ERROR('Not FAILED (running, completed or cancelled): only a failed video can be retried'),
      ...COMMON_AUTH_ERRORS,
      429: ERROR('Rate limited, or already at your most unfinished videos at once (see Retry-After)'),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/videos/{id}',
    summary: 'Delete a video and its files',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: { 204: { description: 'Deleted' }, 404: ERROR('No such video of yours'), ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}/events',
    summary: 'Server-sent events: state, progress, step-start, step-end, job-end',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'An event stream that closes after job-end', mediaType: 'text/event-stream' },
      404: ERROR('No such video of yours'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}/poster',
    summary: 'The poster frame (JPEG), when the assembler made one',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'The poster', mediaType: 'image/jpeg' },
      404: ERROR('No such video of yours, or no poster'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}/file',
    summary: 'The MP4 (Range supported)',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    headerParameters: [{ name: 'Range', description: 'e.g. `bytes=0-1023`' }],
    responses: {
      200: { description: 'The video', mediaType: 'video/mp4' },
      206: { description: 'Part of the video', mediaType: 'video/mp4' },
      302: {
        description:
          'With S3 artifact storage: Location is a presigned bucket URL valid for 5 minutes (Range supported there)',
      },
      404: ERROR('No such video of yours'),
      409: ERROR('Not finished yet'),
      416: ERROR('Range not satisfiable'),
      ...COMMON_AUTH_ERRORS,
    },
  },
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
  {
    method: 'get',
    path: '/api/v1/usage',
    summary: "The caller's quota use today against their limits",
    tag: 'profile',
    auth: true,
    responses: { 200: { description: 'Usage', schema: 'QuotaUsage' }, ...COMMON_AUTH_ERRORS },
  },
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

function components(schemas: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, {
    io,
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonObject> };
  return Object.fromEntries(
    Object.entries(converted.schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema;
      return [id, rest];
    }),
  );
}

function queryParameters(query: z.ZodObject): JsonObject[] {
  return Object.entries(query.shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonObject;
    const { $schema: _schema, ...rest } = json;
    return { name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: rest };
  });
}

function operation(route: ApiRoute): JsonObject {
  const parameters = [
    ...(route.pathParameters ?? []).map((parameter) => ({
      name: parameter.name,
      in: 'path',
      required: true,
      description: parameter.description,
      schema: { type: 'string', ...(parameter.format ? { format: parameter.format } : {}) },
    })),
    ...(route.query ? queryParameters(route.query) : []),
    ...(route.headerParameters ?? []).map((parameter) => ({
      name: parameter.name,
      in: 'header',
      required: false,
      description: parameter.description,
      schema: { type: 'string' },
    })),
  ];
  const responses = Object.fromEntries(
    Object.entries(route.responses).map(([status, response]) => {
      const content = response.schema
        ? { 'application/json': { schema: { $ref: `#/components/schemas/${response.schema}` } } }
        : response.mediaType
          ? {
              [response.mediaType]: {
                schema: { type: 'string', ...(response.mediaType === 'video/mp4' ? { format: 'binary' } : {}) },
              },
            }
          : undefined;
      const headers = response.headers?.length
        ? Object.fromEntries(response.headers.map((name) => [name, { schema: { type: 'string' } }]))
        : undefined;
      return [
        status,
        { description: response.description, ...(content ? { content } : {}), ...(headers ? { headers } : {}) },
      ];
    }),
  );
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method}${route.path
      .replace('/api/v1', '')
      .replace(/[{}]/g, '')
      .split('/')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join('')}`,
    // `security: []` says a public operation is public on purpose (register, login, webhooks, health, artifacts).
    security: route.auth ? [{ bearerAuth: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body}` } } },
          },
        }
      : {}),
    ...(route.rawBody
      ? { requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } } }
      : {}),
    responses,
  };
}

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
