import { expect } from 'chai';
import request from 'supertest';
import { startHttpServer, type RunningHttpServer } from '../http/start-http-server.js';
import { readEventStream } from '../__fixtures__/read-event-stream.js';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';

describe('GET /videos/:id/events (server-sent events)', () => {
  let api: TestServer;
  let http: RunningHttpServer;
  let baseUrl: string;

  before(async () => {
    // The API process runs no workers: every step runs in the "worker process" started per test.
    api = await createTestServer({ workers: false });
    http = await startHttpServer(api.app, { port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${http.port}`;
  });
  after(async () => {
    await http?.close(100);
    await api?.close();
  });

  it('streams state first, then progress and step events from a worker in another engine, then job-end, and closes', async () => {
    const user = await api.createUser();
    const created = await request(api.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send(QUICK_BRIEF)
      .expect(202);
    let worker: TestServer | undefined;
    const stream = readEventStream(`${baseUrl}/api/v1/videos/${created.body.id}/events`, user.token, {
      onEvent: (event) => {
        // Start the other "process" only once the stream shows the pending state.
        if (event.event === 'state')
          void createTestServer({ databaseUrl: api.databaseUrl }).then((started) => (worker = started));
      },
    });
    try {
      const { status, contentType, events } = await stream;
      expect(status).to.equal(200);
      expect(contentType).to.match(/^text\/event-stream/);
      const types = events.map((event) => event.event);
      expect(types[0]).to.equal('state');
      expect((events[0].data as { status: string }).status).to.equal('PENDING');
      expect(types).to.include.members(['progress', 'step-start', 'step-end']);
      expect(types.at(-1)).to.equal('job-end');
      const end = events.at(-1)!.data as { status: string; result: Record<string, unknown> };
      expect(end.status).to.equal('COMPLETED');
      expect(end.result.videoUrl).to.match(new RegExp(`/api/v1/videos/${created.body.id}/file$`));
      expect(end.result).not.to.have.property('video');
      const progress = events
        .filter((event) => event.event === 'progress')
        .map((event) => (event.data as { progress: number }).progress);
      expect(progress).to.deep.equal([...progress].sort((first, second) => first - second));
    } finally {
      await worker?.close();
    }
  });

  it('for a finished job sends its state and job-end, then closes', async () => {
    const worker = await createTestServer({ databaseUrl: api.databaseUrl });
    try {
      const user = await api.createUser();
      const created = await request(api.app)
        .post('/api/v1/videos')
        .set('Authorization', `Bearer ${user.token}`)
        .send(QUICK_BRIEF)
        .expect(202);
      await waitForJobEnd(api.engine, created.body.id);
      const { events } = await readEventStream(`${baseUrl}/api/v1/videos/${created.body.id}/events`, user.token, {
        timeoutMs: 5000,
      });
      expect(events.map((event) => event.event)).to.deep.equal(['state', 'job-end']);
      expect((events[1].data as { status: string }).status).to.equal('COMPLETED');
    } finally {
      await worker.close();
    }
  });

  it('sends heartbeat comments while idle, ends with job-end on cancel, and a disconnect leaves no subscription behind', async () => {
    const user = await api.createUser();
    const created = await request(api.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send(QUICK_BRIEF)
      .expect(202);
    const stream = readEventStream(`${baseUrl}/api/v1/videos/${created.body.id}/events`, user.token, {
      timeoutMs: 10_000,
    });
    // Two heartbeat intervals (500 ms in tests) with no worker running: only comments flow.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await request(api.app)
      .post(`/api/v1/videos/${created.body.id}/cancel`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    const { events, comments } = await stream;
    expect(comments).to.be.greaterThan(0);
    expect(events[0].event).to.equal('state');
    expect(events.at(-1)).to.deep.include({ event: 'job-end' });
    expect((events.at(-1)!.data as { status: string }).status).to.equal('CANCELLED');

    // A client that goes away: its subscription is removed without waiting for the job to end.
    const engine = api.engine;
    const original = engine.subscribe.bind(engine);
    const open = new Set<string>();
    engine.subscribe = async (jobId, listener) => {
      const unsubscribe = await original(jobId, listener);
      open.add(jobId);
      return async () => {
        open.delete(jobId);
        await unsubscribe();
      };
    };
    try {
      const second = await request(api.app)
        .post('/api/v1/videos')
        .set('Authorization', `Bearer ${user.token}`)
        .send(QUICK_BRIEF)
        .expect(202);
      const abort = new AbortController();
      await readEventStream(`${baseUrl}/api/v1/videos/${second.body.id}/events`, user.token, {
        signal: abort.signal,
        onEvent: () => abort.abort(),
      });
      const deadline = Date.now() + 3000;
      while (open.has(second.body.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(open.has(second.body.id)).to.equal(false);
      const job = await engine.get(second.body.id);
      expect(job!.status).to.equal('PENDING');
      await request(api.app)
        .post(`/api/v1/videos/${second.body.id}/cancel`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(200);
    } finally {
      engine.subscribe = original;
    }
  });
});
