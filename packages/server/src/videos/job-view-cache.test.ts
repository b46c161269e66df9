import { expect } from 'chai';
import bunyan from 'bunyan';
import request from 'supertest';
import { createApp } from '../app/create-app.js';
import { createTestServer, QUICK_BRIEF, type TestServer } from '../__fixtures__/test-server.js';

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('read caches, invalidated across processes', () => {
  let api: TestServer;

  before(async () => {
    // TTLs of a minute: anything fresh within seconds was invalidated by a notification, not by expiry.
    api = await createTestServer({
      workers: false,
      settings: { jobCacheMs: 60_000, finishedJobCacheMs: 60_000, tokenCheckCacheMs: 60_000 },
    });
  });
  after(async () => {
    await api?.close();
  });

  it('GET /videos/:id sees progress made by a worker in another engine as soon as its events arrive', async () => {
    const user = await api.createUser();
    const created = await request(api.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send(QUICK_BRIEF)
      .expect(202);
    const read = () =>
      request(api.app)
        .get(`/api/v1/videos/${created.body.id}`)
        .set('Authorization', `Bearer ${user.token}`)
        .then((response) => response.body.status as string);
    expect(await read()).to.equal('PENDING');
    expect(await read()).to.equal('PENDING');
    const worker = await createTestServer({ databaseUrl: api.databaseUrl });
    try {
      expect(await eventually(read, (status) => status === 'COMPLETED', 15_000)).to.equal('COMPLETED');
    } finally {
      await worker.close();
    }
  });

  it('a logout in one server process revokes the token in another at once', async () => {
    const user = await api.createUser();
    const quiet = bunyan.createLogger({ name: 'other-process', level: bunyan.FATAL + 1 });
    const other = createApp({ engine: api.engine, database: api.database, logger: quiet, settings: api.settings });
    try {
      const me = () =>
        request(other)
          .get('/api/v1/auth/me')
          .set('Authorization', `Bearer ${user.token}`)
          .then((response) => response.status);
      // Give the other process' listener a moment to connect, then warm its cache.
      expect(await eventually(me, (status) => status === 200, 2000)).to.equal(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await me()).to.equal(200);
      await request(api.app).post('/api/v1/auth/logout').set('Authorization', `Bearer ${user.token}`).expect(204);
      expect(await eventually(me, (status) => status === 401, 3000)).to.equal(401);
    } finally {
      other.close();
    }
  });
});
