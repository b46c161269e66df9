import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';
import { auth, createVideoAs, startVideoRoutesServer, type User } from '../__fixtures__/video-routes-server.js';

describe('video routes', () => {
  let server: TestServer;
  let owner: User;

  before(async () => {
    ({ server, owner } = await startVideoRoutesServer());
  });
  after(async () => {
    await server?.close();
  });

  const createVideo = (user: User, body?: object) => createVideoAs(server, user, body);

  describe('GET /videos', () => {
    it("pages the caller's own jobs, newest first, with the total, and filters by status", async () => {
      const user = await server.createUser();
      const ids: string[] = [];
      for (let index = 0; index < 3; index++)
        ids.push((await createVideo(user, { ...QUICK_BRIEF, topic: `topic ${index}` })).id);
      await server.createUser().then((other) => createVideo(other));
      const page = await request(server.app).get('/api/v1/videos?page=1&pageSize=2').set(auth(user));
      expect(page.status).to.equal(200);
      expect(page.body).to.include({ total: 3, page: 1, pageSize: 2 });
      expect(page.body.items.map((item: { id: string }) => item.id)).to.deep.equal([ids[2], ids[1]]);
      const second = await request(server.app).get('/api/v1/videos?page=2&pageSize=2').set(auth(user));
      expect(second.body.items.map((item: { id: string }) => item.id)).to.deep.equal([ids[0]]);
      await waitForJobEnd(server.engine, ids[0]);
      await request(server.app).post(`/api/v1/videos/${ids[1]}/cancel`).set(auth(user));
      const cancelled = await request(server.app).get('/api/v1/videos?status=CANCELLED').set(auth(user));
      expect(cancelled.body.items.every((item: { status: string }) => item.status === 'CANCELLED')).to.equal(true);
    });

    it('refuses pageSize over 100, page 0, an unknown status and unknown parameters', async () => {
      for (const query of ['pageSize=101', 'page=0', 'status=DONE', 'limit=5', 'pageSize=abc']) {
        const response = await request(server.app).get(`/api/v1/videos?${query}`).set(auth(owner));
        expect(response.status, query).to.equal(400);
        expect(response.body.error.code).to.equal('validation');
      }
    });
  });

  describe('one video', () => {
    it('GET shows status, progress, steps and usage; once COMPLETED, the videoUrl', async () => {
      const created = await createVideo(owner);
      expect(await waitForJobEnd(server.engine, created.id)).to.equal('COMPLETED');
      const response = await request(server.app).get(`/api/v1/videos/${created.id}`).set(auth(owner));
      expect(response.status).to.equal(200);
      expect(response.body).to.include({ status: 'COMPLETED', progress: 100 });
      expect(response.body.videoUrl).to.equal(`http://127.0.0.1:3000/api/v1/videos/${created.id}/file`);
      expect(response.body.result).to.have.keys(['durationSec', 'width', 'height']);
      expect(response.body.steps.map((step: { step: string }) => step.step)).to.include.members([
        'script',
        'voice',
        'visual',
        'assembly',
      ]);
      expect(response.body.steps[0]).not.to.have.property('externalId');
      expect(response.body.usage).to.have.property('byStep');
    });

    it('GET /file streams the MP4, with 206 for a Range and 416 for one past the end', async () => {
      const created = await createVideo(owner);
      await waitForJobEnd(server.engine, created.id);
      const full = await request(server.app)
        .get(`/api/v1/videos/${created.id}/file`)
        .set(auth(owner))
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(full.status).to.equal(200);
      expect(full.headers['accept-ranges']).to.equal('bytes');
      const size = (full.body as Buffer).length;
      expect(size).to.be.greaterThan(10);
      const part = await request(server.app)
        .get(`/api/v1/videos/${created.id}/file`)
        .set(auth(owner))
        .set('Range', 'bytes=2-5');
      expect(part.status).to.equal(206);
      expect(part.headers['content-range']).to.equal(`bytes 2-5/${size}`);
      expect(part.headers['content-length']).to.equal('4');
      const beyond = await request(server.app)
        .get(`/api/v1/videos/${created.id}/file`)
        .set(auth(owner))
        .set('Range', `bytes=${size + 10}-${size + 20}`);
      expect(beyond.status).to.equal(416);
      expect(beyond.headers['content-range']).to.equal(`bytes */${size}`);
      expect(beyond.body.error.code).to.equal('range-not-satisfiable');
    });

    it('GET /file of an unfinished video is a 409', async () => {
      const slow = await createTestServer({ workers: false, databaseUrl: server.databaseUrl });
      try {
        const user = await slow.createUser();
        const created = await request(slow.app).post('/api/v1/videos').set(auth(user)).send(QUICK_BRIEF).expect(202);
        const response = await request(slow.app).get(`/api/v1/videos/${created.body.id}/file`).set(auth(user));
        expect(response.status).to.equal(409);
        expect(response.body.error.code).to.equal('video-not-ready');
        await request(slow.app).post(`/api/v1/videos/${created.body.id}/cancel`).set(auth(user)).expect(200);
      } finally {
        await slow.close();
      }
    });

    it('cancel: 200 with CANCELLED; cancelling a finished video is a 409', async () => {
      const paused = await createTestServer({ workers: false, databaseUrl: server.databaseUrl });
      try {
        const user = await paused.createUser();
        const created = await request(paused.app).post('/api/v1/videos').set(auth(user)).send(QUICK_BRIEF).expect(202);
        const cancelled = await request(paused.app).post(`/api/v1/videos/${created.body.id}/cancel`).set(auth(user));
        expect(cancelled.status).to.equal(200);
        expect(cancelled.body.status).to.equal('CANCELLED');
      } finally {
        await paused.close();
      }
      const done = await createVideo(owner);
      await waitForJobEnd(server.engine, done.id);
      const late = await request(server.app).post(`/api/v1/videos/${done.id}/cancel`).set(auth(owner));
      expect(late.status).to.equal(409);
      expect(late.body.error.code).to.equal('conflict');
    });

    it('DELETE removes the job and its artifacts (204, then 404)', async () => {
      const created = await createVideo(owner);
      await waitForJobEnd(server.engine, created.id);
      expect(await server.engine.artifacts.list(`jobs/${created.id}/`)).not.to.be.empty;
      await request(server.app).delete(`/api/v1/videos/${created.id}`).set(auth(owner)).expect(204);
      await request(server.app).get(`/api/v1/videos/${created.id}`).set(auth(owner)).expect(404);
      expect(await server.engine.artifacts.list(`jobs/${created.id}/`)).to.be.empty;
      expect(await server.engine.get(created.id)).to.equal(null);
    });

    it('an unknown or malformed id is a 404 in the error shape', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
        const response = await request(server.app).get(`/api/v1/videos/${id}`).set(auth(owner));
        expect(response.status).to.equal(404);
        expect(response.body.error.code).to.equal('not-found');
      }
    });
  });

  describe("another user's video is always a 404", () => {
    const routes: Array<{ method: 'get' | 'post' | 'delete'; path: (id: string) => string }> = [
      { method: 'get', path: (id) => `/api/v1/videos/${id}` },
      { method: 'post', path: (id) => `/api/v1/videos/${id}/cancel` },
      { method: 'delete', path: (id) => `/api/v1/videos/${id}` },
      { method: 'get', path: (id) => `/api/v1/videos/${id}/events` },
      { method: 'get', path: (id) => `/api/v1/videos/${id}/file` },
    ];
    let intruder: User;
    let victimJobId: string;

    before(async () => {
      intruder = await server.createUser();
      victimJobId = (await createVideo(owner)).id;
      await waitForJobEnd(server.engine, victimJobId);
    });

    for (const route of routes) {
      it(`${route.method.toUpperCase()} ${route.path(':id')}: owner 2xx, other user 404, anonymous 401`, async () => {
        const path = route.path(victimJobId);
        const stranger = await request(server.app)[route.method](path).set(auth(intruder));
        expect(stranger.status).to.equal(404);
        expect(stranger.body.error.code).to.equal('not-found');
        const anonymous = await request(server.app)[route.method](path);
        expect(anonymous.status).to.equal(401);
        if (route.method === 'delete') return;
        const own = await request(server.app)[route.method](path).set(auth(owner));
        expect(own.status === 409 ? 'conflict (finished job)' : own.status).to.be.oneOf([
          200,
          206,
          'conflict (finished job)',
        ]);
      });
    }

    it('nothing the intruder did changed the job, and the list never shows it', async () => {
      const job = await server.engine.get(victimJobId);
      expect(job!.status).to.equal('COMPLETED');
      const list = await request(server.app).get('/api/v1/videos?pageSize=100').set(auth(intruder));
      expect(list.body.items.map((item: { id: string }) => item.id)).not.to.include(victimJobId);
      await request(server.app).delete(`/api/v1/videos/${victimJobId}`).set(auth(owner)).expect(204);
    });
  });
});
