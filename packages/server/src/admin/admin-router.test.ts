import { ProviderError } from '@looply/core';
import { createMockScriptProvider } from '@looply/core/testing';
import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';
import { UserStore } from '../auth/user-store.js';
import { revocationChannel } from '../auth/token-version-cache.js';
import { ADMIN_ROUTES } from './admin-api-routes.js';

type User = Awaited<ReturnType<TestServer['createUser']>>;

describe('admin API (/api/v1/admin)', () => {
  let server: TestServer;
  let admin: User;
  let grantedAdmin: User;
  let user: User;
  let disabled: User;
  let failedJobId: string;

  const as = (token: string | null) => ({
    get: (path: string) =>
      token ? request(server.app).get(path).set('Authorization', `Bearer ${token}`) : request(server.app).get(path),
    post: (path: string, body: object = {}) =>
      (token
        ? request(server.app).post(path).set('Authorization', `Bearer ${token}`)
        : request(server.app).post(path)
      ).send(body),
    patch: (path: string, body: object) =>
      (token
        ? request(server.app).patch(path).set('Authorization', `Bearer ${token}`)
        : request(server.app).patch(path)
      ).send(body),
  });

  before(async () => {
    server = await createTestServer({
      settings: { adminEmails: ['Boss@Example.com'] },
      worker: { retryBaseDelayMs: 10 },
      register: (registry) => {
        // Fails once with a non-retryable error (the job is dead-lettered), then works: a retry completes.
        registry.register(
          createMockScriptProvider({
            id: 'broken',
            failures: [
              new ProviderError({
                provider: 'broken',
                message: 'content refused by policy',
                retryable: false,
                code: 'content_policy',
              }),
            ],
          }),
        );
      },
    });
    admin = await server.createUser('boss@example.com');
    grantedAdmin = await server.createUser();
    await new UserStore(server.database, revocationChannel('looply_server')).setRole(grantedAdmin.email, 'admin');
    user = await server.createUser();
    disabled = await server.createUser();
    await as(admin.token).patch(`/api/v1/admin/users/${disabled.id}`, { disabled: true }).expect(200);
    const failing = await as(user.token)
      .post('/api/v1/videos', { ...QUICK_BRIEF, providers: { script: 'broken' } })
      .expect(202);
    failedJobId = failing.body.id as string;
    expect(await waitForJobEnd(server.engine, failedJobId)).to.equal('FAILED');
  });
  after(async () => {
    await server?.close();
  });

  function concretePath(path: string): string {
    return path.replace('/users/{id}', `/users/${user.id}`).replace('/jobs/{id}', `/jobs/${failedJobId}`);
  }
  function call(token: string | null, route: (typeof ADMIN_ROUTES)[number]) {
    const path = concretePath(route.path);
    if (route.method === 'patch') return as(token).patch(path, { quota: { concurrentJobs: null } });
    if (route.method === 'post')
      return path.endsWith('/retry') || path.endsWith('/cancel') ? as(token).post(path) : as(token).post(path, {});
    return as(token).get(path);
  }

  it('the role matrix: anonymous, plain user and disabled user get the same 404 on every admin route; both kinds of admin get an answer', async () => {
    expect(ADMIN_ROUTES.length).to.equal(9);
    // Read-only routes first, then the ones that change state (cancel of a FAILED job is a 409, not a change).
    const ordered = [...ADMIN_ROUTES].sort(
      (first, second) => Number(first.method !== 'get') - Number(second.method !== 'get'),
    );
    for (const route of ordered) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      for (const [who, token] of [
        ['anonymous', null],
        ['user', user.token],
        ['disabled', disabled.token],
        ['bad token', 'not-a-jwt'],
      ] as const) {
        const response = await call(token, route);
        expect(response.status, `${name} as ${who}`).to.equal(404);
        expect(response.body.error.code, `${name} as ${who}`).to.equal('not-found');
      }
      for (const [who, token] of [
        ['admin by LOOPLY_ADMIN_EMAILS', admin.token],
        ['admin by role', grantedAdmin.token],
      ] as const) {
        const response = await call(token, route);
        // The first retry re-queues the dead-lettered job, which then completes: the second admin's retry and
        // both cancels meet a finished job (409 conflict from the engine, past the guard).
        const retried = route.path.endsWith('/retry') && who !== 'admin by LOOPLY_ADMIN_EMAILS';
        const expected = route.path.endsWith('/cancel') || retried ? 409 : 200;
        expect(response.status, `${name} as ${who}: ${JSON.stringify(response.body)}`).to.equal(expected);
        if (route.path.endsWith('/retry'))
          expect(await waitForJobEnd(server.engine, failedJobId)).to.equal('COMPLETED');
      }
    }
  });

  it('a non-admin never sees the routes in any way (a made-up id is the same 404)', async () => {
    const response = await as(user.token).get('/api/v1/admin/jobs/00000000-0000-4000-8000-000000000000');
    expect(response.status).to.equal(404);
    expect(response.body.error.message).to.equal(
      '/api/v1/admin/jobs/00000000-0000-4000-8000-000000000000 was not found',
    );
  });

  it('disabling a user refuses their tokens at once and their login; enabling lets them log in again', async () => {
    const victim = await server.createUser();
    await as(victim.token).get('/api/v1/videos').expect(200);
    const changed = await as(admin.token).patch(`/api/v1/admin/users/${victim.id}`, { disabled: true }).expect(200);
    expect(changed.body).to.include({ id: victim.id, disabled: true, role: 'user' });
    const refused = await as(victim.token).get('/api/v1/videos');
    expect(refused.status).to.equal(401);
    const login = await request(server.app)
      .post('/api/v1/auth/login')
      .send({ email: victim.email, password: victim.password });
    expect(login.status).to.equal(403);
    expect(login.body.error.code).to.equal('account-disabled');
    await as(admin.token).patch(`/api/v1/admin/users/${victim.id}`, { disabled: false }).expect(200);
    await as(victim.token).get('/api/v1/videos').expect(401);
    const again = await request(server.app)
      .post('/api/v1/auth/login')
      .send({ email: victim.email, password: victim.password })
      .expect(200);
    await as(again.body.token as string)
      .get('/api/v1/videos')
      .expect(200);
  });

  it('an admin cannot disable themselves (409)', async () => {
    const response = await as(admin.token).patch(`/api/v1/admin/users/${admin.id}`, { disabled: true });
    expect(response.status).to.equal(409);
  });

  it("changing a user's quota applies to their next video and shows in /usage; null returns to the default", async () => {
    const limited = await server.createUser();
    const changed = await as(admin.token)
      .patch(`/api/v1/admin/users/${limited.id}`, { quota: { videosPerDay: 1 } })
      .expect(200);
    expect(changed.body.quota.videosPerDay).to.equal(1);
    expect(changed.body.quotaOverrides).to.deep.equal({ concurrentJobs: null, videosPerDay: 1, secondsPerDay: null });
    await as(limited.token).post('/api/v1/videos', QUICK_BRIEF).expect(202);
    const second = await as(limited.token).post('/api/v1/videos', QUICK_BRIEF);
    expect(second.status).to.equal(429);
    expect(second.body.error.code).to.equal('quota-daily-videos');
    const usage = await as(limited.token).get('/api/v1/usage').expect(200);
    expect(usage.body.limits.videosPerDay).to.equal(1);
    expect(usage.body.used.videosToday).to.equal(1);
    expect(usage.body.used.secondsToday).to.equal(QUICK_BRIEF.durationSec);
    await as(admin.token)
      .patch(`/api/v1/admin/users/${limited.id}`, { quota: { videosPerDay: null } })
      .expect(200);
    await as(limited.token).post('/api/v1/videos', QUICK_BRIEF).expect(202);
  });

  it('PATCH validates its body (400 naming the field) and 404s an unknown user', async () => {
    const invalid = await as(admin.token).patch(`/api/v1/admin/users/${user.id}`, { quota: { videosPerDay: 0 } });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.error.message).to.contain('quota.videosPerDay');
    await as(admin.token)
      .patch('/api/v1/admin/users/00000000-0000-4000-8000-000000000000', { disabled: true })
      .expect(404);
  });

  it('lists and searches users with their job counts', async () => {
    const found = await as(admin.token)
      .get(`/api/v1/admin/users?search=${encodeURIComponent(user.email.slice(0, 12).toUpperCase())}`)
      .expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).to.include(user.id);
    const row = found.body.items.find((item: { id: string }) => item.id === user.id);
    expect(row).to.include({ email: user.email, role: 'user', disabled: false, jobs: 1 });
    const all = await as(admin.token).get('/api/v1/admin/users?pageSize=100').expect(200);
    const roles = Object.fromEntries(
      all.body.items.map((item: { email: string; role: string }) => [item.email, item.role]),
    );
    expect(roles[admin.email]).to.equal('admin');
    expect(roles[grantedAdmin.email]).to.equal('admin');
    expect(all.body.items.find((item: { id: string }) => item.id === disabled.id).disabled).to.equal(true);
    await as(admin.token).get('/api/v1/admin/users?pageSize=0').expect(400);
  });
});
