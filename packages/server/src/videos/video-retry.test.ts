import { ProviderError } from '@looply/core';
import { createMockScriptProvider, type MockScriptProvider } from '@looply/core/testing';
import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';

type User = Awaited<ReturnType<TestServer['createUser']>>;

const contentRefused = () =>
  new ProviderError({
    provider: 'flaky',
    message: 'content refused by policy',
    retryable: false,
    code: 'content_policy',
  });

describe('POST /api/v1/videos/:id/retry (a creator retries a failed video in place)', () => {
  let server: TestServer;
  let flaky: MockScriptProvider;
  let owner: User;
  let stranger: User;

  before(async () => {
    server = await createTestServer({
      settings: { quotas: { concurrentJobs: 50, videosPerDay: 500, secondsPerDay: 100_000 } },
      register: (registry) => {
        // The first script call of each topic fails with a non-retryable error (the job is FAILED and
        // dead-lettered); the next call of that topic works, so a retry completes.
        flaky = createMockScriptProvider({
          id: 'flaky',
          onCall: (options) => {
            if (flaky.calls.filter((call) => call.brief.topic === options.brief.topic).length === 1)
              throw contentRefused();
          },
        });
        registry.register(flaky);
        registry.register(createMockScriptProvider({ id: 'slow', delayMs: 60_000 }));
      },
    });
    owner = await server.createUser();
    stranger = await server.createUser();
  });
  after(async () => {
    await server?.close();
  });

  const as = (user: User) => ({
    post: (path: string, body?: object) =>
      request(server.app).post(path).set('Authorization', `Bearer ${user.token}`).send(body),
    get: (path: string) => request(server.app).get(path).set('Authorization', `Bearer ${user.token}`),
  });

  let failingTopics = 0;
  /** A video of `user` whose script step fails once (the next flaky failure): FAILED. */
  async function failedVideo(user: User): Promise<string> {
    const created = await as(user)
      .post('/api/v1/videos', {
        ...QUICK_BRIEF,
        topic: `failing once ${++failingTopics}`,
        providers: { script: 'flaky' },
      })
      .expect(202);
    const id = created.body.id as string;
    expect(await waitForJobEnd(server.engine, id)).to.equal('FAILED');
    return id;
  }

  it('re-runs the same video: 202 with it RUNNING again, then COMPLETED with a playable file; no new video of the day is used', async () => {
    const id = await failedVideo(owner);
    const failed = await as(owner).get(`/api/v1/videos/${id}`).expect(200);
    expect(failed.body.error).to.include({ step: 'script', provider: 'flaky' });
    const usageBefore = await as(owner).get('/api/v1/usage').expect(200);
    const callsBefore = flaky.calls.length;

    const retried = await as(owner).post(`/api/v1/videos/${id}/retry`);
    expect(retried.status, JSON.stringify(retried.body)).to.equal(202);
    expect(retried.body.id).to.equal(id);
    expect(retried.body.status).to.be.oneOf(['RUNNING', 'COMPLETED']);
    expect(retried.body.error).to.equal(null);
    expect(retried.headers.location).to.equal(`/api/v1/videos/${id}`);

    expect(await waitForJobEnd(server.engine, id)).to.equal('COMPLETED');
    expect(flaky.calls.length).to.equal(callsBefore + 1);
    const completed = await as(owner).get(`/api/v1/videos/${id}`).expect(200);
    expect(completed.body.videoUrl).to.equal(`http://127.0.0.1:3000/api/v1/videos/${id}/file`);
    const file = await as(owner).get(`/api/v1/videos/${id}/file`).expect(200);
    expect(file.headers['content-type']).to.equal('video/mp4');
    const usageAfter = await as(owner).get('/api/v1/usage').expect(200);
    expect(usageAfter.body.used.videosToday).to.equal(usageBefore.body.used.videosToday);
    expect(usageAfter.body.used.secondsToday).to.equal(usageBefore.body.used.secondsToday);
  });

  it('is a 409 for a video that is not FAILED (completed, running) and changes nothing', async () => {
    const completed = await as(owner).post('/api/v1/videos', QUICK_BRIEF).expect(202);
    expect(await waitForJobEnd(server.engine, completed.body.id as string)).to.equal('COMPLETED');
    const onCompleted = await as(owner).post(`/api/v1/videos/${completed.body.id}/retry`);
    expect(onCompleted.status).to.equal(409);
    expect(onCompleted.body.error.code).to.equal('conflict');
    expect(onCompleted.body.error.message).to.contain('is COMPLETED; only a FAILED video can be retried');

    const running = await as(owner)
      .post('/api/v1/videos', { ...QUICK_BRIEF, providers: { script: 'slow' } })
      .expect(202);
    const onRunning = await as(owner).post(`/api/v1/videos/${running.body.id}/retry`);
    expect(onRunning.status).to.equal(409);
    expect(onRunning.body.error.code).to.equal('conflict');
    await as(owner).post(`/api/v1/videos/${running.body.id}/cancel`).expect(200);
    const onCancelled = await as(owner).post(`/api/v1/videos/${running.body.id}/retry`);
    expect(onCancelled.status).to.equal(409);
    expect(onCancelled.body.error.message).to.contain('is CANCELLED');
  });

  it("is a 404 for another user's video, like a missing one, and leaves it FAILED", async () => {
    const id = await failedVideo(owner);
    const response = await as(stranger).post(`/api/v1/videos/${id}/retry`);
    expect(response.status).to.equal(404);
    expect(response.body.error.code).to.equal('not-found');
    expect((await server.engine.get(id))?.status).to.equal('FAILED');
    expect(response.body.error.message).to.equal(`Video ${id} was not found`);
    expect((await as(stranger).post('/api/v1/videos/not-an-id/retry')).status).to.equal(404);
  });

  it('counts as an unfinished video again: a 429 when the owner is at the unfinished-videos limit (the video stays FAILED)', async () => {
    const id = await failedVideo(owner);
    await server.database.query(
      `update ${server.database.table('user_account')} set quota_concurrent_jobs = 1 where id = $1`,
      [owner.id],
    );
    const busy = await as(owner)
      .post('/api/v1/videos', { ...QUICK_BRIEF, providers: { script: 'slow' } })
      .expect(202);
    const refused = await as(owner).post(`/api/v1/videos/${id}/retry`);
    expect(refused.status).to.equal(429);
    expect(refused.body.error.code).to.equal('quota-concurrent-jobs');
    expect(refused.headers['retry-after']).to.equal('30');
    expect((await server.engine.get(id))?.status).to.equal('FAILED');

    await as(owner).post(`/api/v1/videos/${busy.body.id}/cancel`).expect(200);
    await as(owner).post(`/api/v1/videos/${id}/retry`).expect(202);
    expect(await waitForJobEnd(server.engine, id)).to.equal('COMPLETED');
  });
});
