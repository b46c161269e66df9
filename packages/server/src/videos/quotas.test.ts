import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, type TestServer } from '../__fixtures__/test-server.js';

describe('per-user quotas on video creation', () => {
  let server: TestServer;

  before(async () => {
    // No workers: jobs stay unfinished, so the concurrent quota fills up.
    server = await createTestServer({
      workers: false,
      settings: { quotas: { concurrentJobs: 2, videosPerDay: 3, secondsPerDay: 40 } },
    });
  });
  after(async () => {
    await server?.close();
  });

  const create = (token: string, body: object = QUICK_BRIEF) =>
    request(server.app).post('/api/v1/videos').set('Authorization', `Bearer ${token}`).send(body);

  it('concurrent jobs: the third unfinished video is a 429 with Retry-After; cancelling one frees a slot', async () => {
    const user = await server.createUser();
    const first = await create(user.token).expect(202);
    await create(user.token).expect(202);
    const third = await create(user.token);
    expect(third.status).to.equal(429);
    expect(third.body.error.code).to.equal('quota-concurrent-jobs');
    expect(third.body.error.message).to.contain('allowed at once is 2');
    expect(third.headers['retry-after']).to.equal('30');
    await request(server.app)
      .post(`/api/v1/videos/${first.body.id}/cancel`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    await create(user.token).expect(202);
  });

  it('videos per day: the fourth video of the day is a 429 until midnight UTC, even after cancelling and deleting', async () => {
    const user = await server.createUser();
    for (let index = 0; index < 3; index++) {
      const created = await create(user.token).expect(202);
      await request(server.app)
        .delete(`/api/v1/videos/${created.body.id}`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(204);
    }
    const fourth = await create(user.token);
    expect(fourth.status).to.equal(429);
    expect(fourth.body.error.code).to.equal('quota-daily-videos');
    const retryAfter = Number(fourth.headers['retry-after']);
    expect(retryAfter).to.be.within(1, 86_400);
  });

  it('seconds per day: a video that would pass the daily total is a 429; one longer than the allowance is a 403', async () => {
    const user = await server.createUser();
    const first = await create(user.token, { topic: 'a', durationSec: 30 }).expect(202);
    await request(server.app)
      .post(`/api/v1/videos/${first.body.id}/cancel`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    const over = await create(user.token, { topic: 'b', durationSec: 15 });
    expect(over.status).to.equal(429);
    expect(over.body.error.code).to.equal('quota-daily-seconds');
    expect(over.body.error.message).to.contain('45 s');
    const never = await create(user.token, { topic: 'c', durationSec: 41 });
    expect(never.status).to.equal(403);
    expect(never.body.error.code).to.equal('quota-exceeded');
    await create(user.token, { topic: 'd', durationSec: 10 }).expect(202);
  });

  it('quotas are per user', async () => {
    const busy = await server.createUser();
    await create(busy.token).expect(202);
    await create(busy.token).expect(202);
    await create(busy.token).expect(429);
    const other = await server.createUser();
    await create(other.token).expect(202);
  });

  it('parallel requests cannot overshoot the concurrent quota', async () => {
    const user = await server.createUser();
    const statuses = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        create(user.token, { topic: `parallel ${index}`, durationSec: 5 }).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 202)).to.have.length(2);
    expect(statuses.filter((status) => status === 429)).to.have.length(3);
  });
});
