import { expect } from 'chai';
import request from 'supertest';
import { QUICK_BRIEF, type TestServer } from '../__fixtures__/test-server.js';
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
});
