import type { ApiRoute } from '../openapi/openapi-document.js';
import { adminJobsQuerySchema, adminUsersQuerySchema, analyticsQuerySchema } from './admin-schemas.js';

const ERROR = (description: string) => ({ description, schema: 'Error' as const });
const ID = (what: string) => [{ name: 'id', description: `${what} id`, format: 'uuid' }];
/** Anyone who is not an enabled admin — anonymous, bad token, disabled, plain user — gets this, like an unknown route. */
const HIDDEN = {
  404: ERROR('Not an admin (anonymous, disabled or plain user: always this, before any lookup), or no such record'),
  429: ERROR('Rate limited (see Retry-After)'),
};

/** The operator's routes under `/api/v1/admin` (role `admin`). */
export const ADMIN_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/v1/admin/session',
    summary: 'The calling operator (200 only for admins)',
    tag: 'admin',
    auth: true,
    responses: { 200: { description: 'An admin', schema: 'AdminSession' }, ...HIDDEN },
  },
  {
    method: 'get',
    path: '/api/v1/admin/users',
    summary: 'Users, newest first, with job counts and spend; search by email',
    tag: 'admin',
    auth: true,
    query: adminUsersQuerySchema,
    responses: { 200: { description: 'A page', schema: 'AdminUserList' }, 400: ERROR('Invalid query'), ...HIDDEN },
  },
  {
    method: 'get',
    path: '/api/v1/admin/users/{id}',
    summary: 'One user',
    tag: 'admin',
    auth: true,
    pathParameters: ID('User'),
    responses: { 200: { description: 'The user', schema: 'AdminUser' }, ...HIDDEN },
  },
  {
    method: 'patch',
    path: '/api/v1/admin/users/{id}',
    summary: "Disable/enable a user (disabling refuses the user's tokens at once) or change their quota",
    tag: 'admin',
    auth: true,
    pathParameters: ID('User'),
    body: 'AdminUserPatch',
    responses: {
      200: { description: 'The user', schema: 'AdminUser' },
      400: ERROR('Invalid body'),
      409: ERROR('Disabling yourself'),
      ...HIDDEN,
    },
  },
  {
    method: 'get',
    path: '/api/v1/admin/jobs',
    summary: "Every user's jobs, newest first, filtered by status, provider, user and creation day",
    tag: 'admin',
    auth: true,
    query: adminJobsQuerySchema,
    responses: { 200: { description: 'A page', schema: 'AdminJobList' }, 400: ERROR('Invalid query'), ...HIDDEN },
  },
  {
    method: 'get',
    path: '/api/v1/admin/jobs/{id}',
    summary: 'One job with its steps: attempts, errors, timings, cost',
    tag: 'admin',
    auth: true,
    pathParameters: ID('Job'),
    responses: { 200: { description: 'The job', schema: 'AdminJobDetail' }, ...HIDDEN },
  },
  {
    method: 'post',
    path: '/api/v1/admin/jobs/{id}/retry',
    summary: 'Retry a failed (dead-lettered) job',
    tag: 'admin',
    auth: true,
    pathParameters: ID('Job'),
    responses: {
      200: { description: 'Re-queued', schema: 'AdminJobDetail' },
      409: ERROR('The job is not FAILED'),
      ...HIDDEN,
    },
  },
  {
    method: 'post',
    path: '/api/v1/admin/jobs/{id}/cancel',
    summary: 'Cancel an unfinished job',
    tag: 'admin',
    auth: true,
    pathParameters: ID('Job'),
    responses: {
      200: { description: 'Cancelled', schema: 'AdminJobDetail' },
      409: ERROR('Already finished'),
      ...HIDDEN,
    },
  },
  {
    method: 'get',
    path: '/api/v1/admin/analytics',
    summary:
      'Videos per day, success rate, p50/p95 step time per provider, cost per provider per day and per user, top failure reasons (default: last 30 days)',
    tag: 'admin',
    auth: true,
    query: analyticsQuerySchema,
    responses: {
      200: { description: 'Figures of the period', schema: 'Analytics' },
      400: ERROR('Invalid period'),
      ...HIDDEN,
    },
  },
];
