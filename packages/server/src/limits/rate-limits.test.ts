import { expect } from 'chai';
import bunyan from 'bunyan';
import request from 'supertest';
import { createApp } from '../app/create-app.js';
import { createTestServer, type TestServer } from '../__fixtures__/test-server.js';
import { PostgresRateLimitStore } from './postgres-rate-limit-store.js';

describe('rate limits (Postgres store shared by every process)', () => {
  let server: TestServer;

  before(async () => {
    server = await createTestServer({
      workers: false,
      settings: {
        rateLimits: {
          limit: 30,
          windowMs: 60_000,
          authLimit: 6,
          authWindowMs: 60_000,
          loginFailureLimit: 3,
          loginFailureWindowMs: 60_000,
        },
      },
    });
  });
  after(async () => {
    await server?.close();
  });

  it('the store counts exactly under concurrency: n coalesced increments give 1..n', async () => {
    const store = new PostgresRateLimitStore(server.database, { prefix: 'unit:' });
    store.init({ windowMs: 60_000 } as never);
    const results = await Promise.all(Array.from({ length: 40 }, () => store.increment('client-a')));
    expect(results.map((result) => result.totalHits).sort((first, second) => first - second)).to.deep.equal(
      Array.from({ length: 40 }, (_, index) => index + 1),
    );
    expect(
      results.every((result) => result.resetTime instanceof Date && result.resetTime.getTime() > Date.now()),
    ).to.equal(true);
    await store.decrement('client-a');
    expect((await store.get('client-a'))!.totalHits).to.equal(39);
    await store.resetKey('client-a');
    expect(await store.get('client-a')).to.equal(undefined);
    store.shutdown();
  });

  it('a window that has passed starts again from 1', async () => {
    const store = new PostgresRateLimitStore(server.database, { prefix: 'window:' });
    store.init({ windowMs: 200 } as never);
    await store.increment('client-b');
    expect((await store.increment('client-b')).totalHits).to.equal(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await store.increment('client-b')).totalHits).to.equal(1);
    store.shutdown();
  });

  it('auth routes: the 7th attempt in the window is a 429 with Retry-After, counted across two app instances', async () => {
    // A second app on the same database: another server process behind the same load balancer.
    const second = createApp({
      engine: server.engine,
      database: server.database,
      logger: bunyan.createLogger({ name: 'second', level: bunyan.FATAL + 1 }),
      settings: server.settings,
    });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 7; attempt++) {
        const app = attempt % 2 === 0 ? server.app : second;
        const response = await request(app)
          .post('/api/v1/auth/register')
          .send({ email: `burst${attempt}@example.com`, password: 'long enough password' });
        statuses.push(response.status);
        if (response.status === 429) {
          expect(Number(response.headers['retry-after'])).to.be.within(1, 60);
          expect(response.body.error.code).to.equal('rate-limited');
        }
      }
      expect(statuses).to.deep.equal([201, 201, 201, 201, 201, 201, 429]);
    } finally {
      second.close();
    }
  });

  it('login failures lock the account (keyed on the account, not the address) after 3 misses, even against the right password', async () => {
    const user = { email: 'locked@example.com', password: 'the right password' };
    await server.database.query(`delete from ${server.database.table('rate_limit_counter')} where key like 'auth:%'`);
    await request(server.app).post('/api/v1/auth/register').send(user).expect(201);
    await server.database.query(`delete from ${server.database.table('rate_limit_counter')} where key like 'auth:%'`);
    for (let attempt = 0; attempt < 3; attempt++) {
      await request(server.app)
        .post('/api/v1/auth/login')
        .send({ ...user, password: 'wrong' })
        .expect(401);
    }
    const locked = await request(server.app)
      .post('/api/v1/auth/login')
      .send({ email: 'LOCKED@example.com', password: user.password });
    expect(locked.status).to.equal(429);
    expect(locked.body.error.message).to.contain('failed logins');
    expect(locked.headers['retry-after']).to.match(/^\d+$/);
  });

  it('successful logins do not count as failures', async () => {
    await server.database.query(`delete from ${server.database.table('rate_limit_counter')}`);
    const user = { email: 'fine@example.com', password: 'the right password' };
    await request(server.app).post('/api/v1/auth/register').send(user).expect(201);
    for (let attempt = 0; attempt < 4; attempt++)
      await request(server.app).post('/api/v1/auth/login').send(user).expect(200);
  });

  it('the global limit answers 429 with Retry-After once a client exceeds it; health is exempt', async () => {
    await server.database.query(`delete from ${server.database.table('rate_limit_counter')}`);
    // A fresh process: the global counts live in memory (reconciled with the table in batches).
    const app = createApp({
      engine: server.engine,
      database: server.database,
      logger: bunyan.createLogger({ name: 'fresh', level: bunyan.FATAL + 1 }),
      settings: server.settings,
    });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 35 }, () =>
          request(app)
            .get('/api/v1/videos')
            .then((response) => response.status),
        ),
      );
      expect(statuses.filter((status) => status === 401)).to.have.length(30);
      expect(statuses.filter((status) => status === 429)).to.have.length(5);
      const limited = await request(app).get('/api/v1/profile');
      expect(limited.status).to.equal(429);
      expect(limited.headers['retry-after']).to.match(/^\d+$/);
      expect(limited.headers).to.have.property('ratelimit');
      await request(app).get('/api/v1/health').expect(200);
    } finally {
      app.close();
    }
  });
});
