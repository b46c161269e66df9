import type { Engine } from '@looply/core';
import { Router, type Request } from 'express';
import { HttpError, notFound } from '../app/http-error.js';
import { requestLogger } from '../app/request-context.js';
import { parseBody, parseParams, parseQuery } from '../app/validate.js';
import { currentUser, type Authenticator } from '../auth/authenticator.js';
import type { UserStore } from '../auth/user-store.js';
import type { AdminJobQueries } from './admin-job-queries.js';
import { createAdminGuard } from './admin-guard.js';
import {
  adminIdParamsSchema,
  adminJobsQuerySchema,
  adminUserPatchSchema,
  adminUsersQuerySchema,
  analyticsQuerySchema,
} from './admin-schemas.js';
import type { AdminUserDirectory } from './admin-user-directory.js';
import type { AnalyticsQueries } from './analytics-queries.js';

export interface AdminRouterDependencies {
  engine: Engine;
  users: UserStore;
  authenticator: Authenticator;
  directory: AdminUserDirectory;
  jobs: AdminJobQueries;
  analytics: AnalyticsQueries;
  /** Drops a job from the read cache after the operator changed it. */
  dropCachedJob: (jobId: string) => void;
}

/** `/admin`: users (list, search, disable/enable, quota), every user's jobs (filters, steps, retry, cancel) and analytics. */
export function createAdminRouter(dependencies: AdminRouterDependencies): Router {
  const { engine, users, directory, jobs, analytics } = dependencies;
  const router = Router();
  router.use(createAdminGuard(dependencies.authenticator, directory));

  function idOf(request: Request, what: string): string {
    const params = parseParams(adminIdParamsSchema, request);
    if (!params) throw notFound(`${what} ${String(request.params.id)}`);
    return params.id;
  }

  async function jobDetail(id: string) {
    const job = await engine.get(id);
    const detail = job ? await jobs.detail(job) : null;
    if (!detail) throw notFound(`Job ${id}`);
    return detail;
  }

  router.get('/session', (_request, response) => {
    const user = currentUser(response);
    response.json({ id: user.id, email: user.email, role: 'admin' });
  });

  router.get('/users', async (request, response) => {
    const query = parseQuery(adminUsersQuerySchema, request, response);
    const { items, total } = await directory.list(query);
    response.json({ items, total, page: query.page, pageSize: query.pageSize });
  });

  router.get('/users/:id', async (request, response) => {
    const user = await directory.get(idOf(request, 'User'));
    if (!user) throw notFound(`User ${String(request.params.id)}`);
    response.json(user);
  });

  router.patch('/users/:id', async (request, response) => {
    const id = idOf(request, 'User');
    const body = parseBody(adminUserPatchSchema, request);
    if (body.disabled === true && id === currentUser(response).id)
      throw new HttpError(409, 'conflict', 'You cannot disable your own account');
    if (!(await directory.get(id))) throw notFound(`User ${id}`);
    if (body.quota) await directory.setQuota(id, body.quota);
    if (body.disabled !== undefined) await users.setDisabled(id, body.disabled);
    requestLogger(response).info(
      { userId: id, disabled: body.disabled, quota: body.quota },
      'user changed by an operator',
    );
    response.json(await directory.get(id));
  });

  router.get('/jobs', async (request, response) => {
    const query = parseQuery(adminJobsQuerySchema, request, response);
    const { items, total } = await jobs.list(query);
    response.json({ items, total, page: query.page, pageSize: query.pageSize });
  });

  router.get('/jobs/:id', async (request, response) => {
    response.json(await jobDetail(idOf(request, 'Job')));
  });

  router.post('/jobs/:id/retry', async (request, response) => {
    const id = idOf(request, 'Job');
    await engine.retry(id);
    dependencies.dropCachedJob(id);
    response.json(await jobDetail(id));
  });

  router.post('/jobs/:id/cancel', async (request, response) => {
    const id = idOf(request, 'Job');
    dependencies.dropCachedJob(id);
    await engine.cancel(id);
    dependencies.dropCachedJob(id);
    response.json(await jobDetail(id));
  });

  router.get('/analytics', async (request, response) => {
    const query = parseQuery(analyticsQuerySchema, request, response);
    if (query.from && query.to && query.from > query.to)
      throw new HttpError(400, 'validation', 'Invalid query string: from must not be after to');
    response.json(await analytics.compute(query));
  });

  return router;
}
