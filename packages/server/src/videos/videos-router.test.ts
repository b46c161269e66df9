import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';

type User = Awaited<ReturnType<TestServer['createUser']>>;

describe('video routes', () => {
  let server: TestServer;
  let owner: User;

  before(async () => {
    server = await createTestServer({
      settings: { quotas: { concurrentJobs: 50, videosPerDay: 500, secondsPerDay: 100_000 } },
    });
    owner = await server.createUser();
  });
  after(async () => {
    await server?.close();
  });

  const auth = (user: User) => ({ Authorization: `Bearer ${user.token}` });

  async function createVideo(user: User, body: object = QUICK_BRIEF) {
    const response = await request(server.app).post('/api/v1/videos').set(auth(user)).send(body);
    expect(response.status, JSON.stringify(response.body)).to.equal(202);
    return response.body as { id: string; status: string };
  }

  describe('POST /videos', () => {
    it('creates a job from a brief: 202, Location, the job with defaults applied', async () => {
      const response = await request(server.app).post('/api/v1/videos').set(auth(owner)).send(QUICK_BRIEF);
      expect(response.status).to.equal(202);
      expect(response.headers.location).to.equal(`/api/v1/videos/${response.body.id}`);
      expect(response.body.status).to.be.oneOf(['PENDING', 'RUNNING']);
      expect(response.body.videoUrl).to.equal(null);
      expect(response.body.brief).to.include({
        topic: 'solar power',
        durationSec: 6,
        language: 'en',
        aspectRatio: '9:16',
        style: 'modern',
      });
      expect(response.body).not.to.have.property('ownerId');
      expect(response.body).not.to.have.property('metadata');
    });

    for (const field of [{ status: 'COMPLETED' }, { ownerId: 'someone-else' }, { cost: 0 }, { priority: 999 }]) {
      it(`refuses the server-owned or unknown field ${Object.keys(field)[0]} with 400 and the zod issues`, async () => {
        const response = await request(server.app)
          .post('/api/v1/videos')
          .set(auth(owner))
          .send({ ...QUICK_BRIEF, ...field });
        expect(response.status).to.equal(400);
        expect(response.body.error.code).to.equal('validation');
        expect(response.body.error.details[0]).to.include({ code: 'unrecognized_keys' });
        expect(response.body.error.details[0].keys).to.deep.equal(Object.keys(field));
      });
    }

    it('refuses out-of-range values naming the field', async () => {
      const response = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(owner))
        .send({ topic: 'x', durationSec: 1e9 });
      expect(response.status).to.equal(400);
      expect(response.body.error.message).to.contain('durationSec');
    });

    it('refuses a music source that is not an http(s) URL (no server paths)', async () => {
      const response = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(owner))
        .send({ ...QUICK_BRIEF, music: { source: '/etc/passwd' } });
      expect(response.status).to.equal(400);
      expect(response.body.error.details[0].path).to.deep.equal(['music', 'source']);
    });

    it('accepts generated music by mood with caption and transition choices, and refuses a mood it does not know', async () => {
      const created = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(owner))
        .send({
          ...QUICK_BRIEF,
          music: { mood: 'calm' },
          captions: { preset: 'boxed', position: 'top' },
          transition: 'crossfade',
        });
      expect(created.status).to.equal(202);
      const stored = await server.engine.get(created.body.id);
      expect(stored!.brief).to.deep.include({
        music: { mood: 'calm', volume: 0.2 },
        captions: { preset: 'boxed', position: 'top' },
        transition: 'crossfade',
      });
      const refused = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(owner))
        .send({ ...QUICK_BRIEF, music: { mood: 'sad' } });
      expect(refused.status).to.equal(400);
      expect(refused.body.error.details[0].path).to.deep.equal(['music', 'mood']);
    });

    it('fills language, voice, style and aspect ratio from the profile when the brief omits them', async () => {
      const user = await server.createUser();
      await request(server.app)
        .patch('/api/v1/profile')
        .set(auth(user))
        .send({ defaultLanguage: 'de', defaultVoice: 'narrator', defaultStyle: 'cinematic', defaultAspectRatio: '1:1' })
        .expect(200);
      const fromProfile = await createVideo(user);
      const stored = await server.engine.get(fromProfile.id);
      expect(stored!.brief).to.include({ language: 'de', voice: 'narrator', style: 'cinematic', aspectRatio: '1:1' });
      const explicit = await createVideo(user, { ...QUICK_BRIEF, style: 'minimal' });
      expect((await server.engine.get(explicit.id))!.brief.style).to.equal('minimal');
    });

    it('requires a token', async () => {
      await request(server.app).post('/api/v1/videos').send(QUICK_BRIEF).expect(401);
    });

    it('answers a JSON body over 100 kB with 413', async () => {
      const response = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(owner))
        .send({ topic: 'x'.repeat(120_000) });
      expect(response.status).to.equal(413);
      expect(response.body.error.code).to.equal('payload-too-large');
    });
  });

  describe('Idempotency-Key', () => {
    it('same key and body: the same job (200, Idempotent-Replayed) and one job stored', async () => {
      const user = await server.createUser();
      const first = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(user))
        .set('Idempotency-Key', 'order-42')
        .send(QUICK_BRIEF);
      expect(first.status).to.equal(202);
      const again = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(user))
        .set('Idempotency-Key', 'order-42')
        .send({ durationSec: 6, topic: 'solar power' });
      expect(again.status).to.equal(200);
      expect(again.headers['idempotent-replayed']).to.equal('true');
      expect(again.body.id).to.equal(first.body.id);
      const list = await request(server.app).get('/api/v1/videos').set(auth(user));
      expect(list.body.total).to.equal(1);
    });

    it('same key with another body: 422, no new job', async () => {
      const user = await server.createUser();
      await request(server.app)
        .post('/api/v1/videos')
        .set(auth(user))
        .set('Idempotency-Key', 'k-1')
        .send(QUICK_BRIEF)
        .expect(202);
      const other = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(user))
        .set('Idempotency-Key', 'k-1')
        .send({ ...QUICK_BRIEF, topic: 'wind power' });
      expect(other.status).to.equal(422);
      expect(other.body.error.code).to.equal('idempotency-key-reused');
      expect((await request(server.app).get('/api/v1/videos').set(auth(user))).body.total).to.equal(1);
    });

    it('keys are per user: another user with the same key gets a job of their own', async () => {
      const first = await server.createUser();
      const second = await server.createUser();
      const a = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(first))
        .set('Idempotency-Key', 'shared')
        .send(QUICK_BRIEF);
      const b = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(second))
        .set('Idempotency-Key', 'shared')
        .send(QUICK_BRIEF);
      expect(a.status).to.equal(202);
      expect(b.status).to.equal(202);
      expect(b.body.id).not.to.equal(a.body.id);
    });

    it('concurrent requests with one key create one job', async () => {
      const user = await server.createUser();
      const responses = await Promise.all(
        Array.from({ length: 5 }, () =>
          request(server.app).post('/api/v1/videos').set(auth(user)).set('Idempotency-Key', 'burst').send(QUICK_BRIEF),
        ),
      );
      expect(new Set(responses.map((response) => response.body.id)).size).to.equal(1);
      expect(responses.filter((response) => response.status === 202)).to.have.length(1);
      expect((await request(server.app).get('/api/v1/videos').set(auth(user))).body.total).to.equal(1);
    });

    it('refuses a malformed key with 400', async () => {
      const response = await request(server.app)
        .post('/api/v1/videos')
        .set(auth(owner))
        .set('Idempotency-Key', 'x'.repeat(300))
        .send(QUICK_BRIEF);
      expect(response.status).to.equal(400);
    });
  });

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
