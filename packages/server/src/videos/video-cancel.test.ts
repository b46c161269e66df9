import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, type TestServer } from '../__fixtures__/test-server.js';

type User = Awaited<ReturnType<TestServer['createUser']>>;

describe('POST /api/v1/videos/:id/cancel sent twice at once', () => {
  let server: TestServer;
  let other: TestServer;
  let owner: User;

  before(async () => {
    // No workers: videos stay unfinished until cancelled. A second app on the same database is another server process.
    server = await createTestServer({
      workers: false,
      settings: { quotas: { concurrentJobs: 50, videosPerDay: 500, secondsPerDay: 100_000 } },
    });
    other = await createTestServer({
      workers: false,
      databaseUrl: server.databaseUrl,
      settings: {
        jwt: { secret: server.secret },
        quotas: { concurrentJobs: 50, videosPerDay: 500, secondsPerDay: 100_000 },
      },
    });
    owner = await server.createUser();
  });
  after(async () => {
    await other?.close();
    await server?.close();
  });

  const auth = () => ({ Authorization: `Bearer ${owner.token}` });
  const cancel = (app: TestServer['app'], id: string) => request(app).post(`/api/v1/videos/${id}/cancel`).set(auth());

  async function unfinishedVideo(): Promise<string> {
    const created = await request(server.app).post('/api/v1/videos').set(auth()).send(QUICK_BRIEF).expect(202);
    return created.body.id as string;
  }

  it('exactly one succeeds: one 200 with the CANCELLED video, the other a 409 saying it is already CANCELLED', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await unfinishedVideo();
      const answers = await Promise.all([cancel(server.app, id), cancel(server.app, id)]);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(
        statuses,
        `round ${round}: ${answers.map((answer) => JSON.stringify(answer.body)).join(' ')}`,
      ).to.deep.equal([200, 409]);
      const [won, lost] = answers[0].status === 200 ? answers : [answers[1], answers[0]];
      expect(won.body).to.include({ id, status: 'CANCELLED' });
      expect(lost.body.error.code).to.equal('conflict');
      expect(lost.body.error.message).to.equal(
        `Video ${id} is already CANCELLED; only unfinished videos can be cancelled`,
      );
    }
  });

  it('also across two server processes on one database', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await unfinishedVideo();
      const answers = await Promise.all([cancel(server.app, id), cancel(other.app, id)]);
      expect(answers.map((answer) => answer.status).sort()).to.deep.equal([200, 409]);
    }
  });

  it('a later cancel of the cancelled video is a 409 too', async () => {
    const id = await unfinishedVideo();
    await cancel(server.app, id).expect(200);
    const again = await cancel(server.app, id);
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('conflict');
  });
});
