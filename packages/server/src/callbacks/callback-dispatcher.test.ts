import { expect } from 'chai';
import request from 'supertest';
import { startCallbackReceiver } from '../__fixtures__/callback-receiver.js';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';
import { verifyWebhook } from '../webhooks/standard-webhooks.js';
import { CallbackDispatcher, callbackMessageId } from './callback-dispatcher.js';
import { CallbackUrlPolicy, type ResolvedAddress } from './callback-url-policy.js';

const CALLBACK_SETTINGS = {
  allowlist: ['127.0.0.1/32'],
  baseDelayMs: 150,
  maxDelayMs: 1500,
  maxAttempts: 4,
  pollIntervalSeconds: 0.5,
  timeoutMs: 3000,
  sweepIntervalMs: 60_000,
};

describe('outbound callbacks', () => {
  let server: TestServer;
  let dispatcher: CallbackDispatcher;
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  /** `flip.test` resolves to a public address once (at submit), then to loopback. */
  let flipLookups = 0;
  const resolver = async (hostname: string): Promise<ResolvedAddress[]> => {
    if (hostname === 'flip.test') return [{ address: flipLookups++ === 0 ? '93.184.216.34' : '127.0.0.2', family: 4 }];
    throw new Error(`ENOTFOUND ${hostname}`);
  };
  const policy = new CallbackUrlPolicy(CALLBACK_SETTINGS.allowlist, resolver);

  before(async () => {
    server = await createTestServer({ settings: { callbacks: CALLBACK_SETTINGS }, callbackPolicy: policy });
    dispatcher = new CallbackDispatcher({
      database: server.database,
      engine: server.engine,
      settings: { callbacks: { ...CALLBACK_SETTINGS }, publicBaseUrl: 'http://127.0.0.1:3000' } as never,
      logger: server.logger,
      policy,
    });
    await dispatcher.start();
    receiver = await startCallbackReceiver();
  });
  after(async () => {
    await dispatcher?.stop();
    await receiver?.close();
    await server?.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.script.length = 0;
  });

  async function deliveryOf(jobId: string): Promise<{ status: string; attempts: number; id: string }> {
    const { rows } = await server.database.query<{ status: string; attempts: number; id: string }>(
      `select id, status, attempts from ${server.database.table('callback_delivery')} where job_id = $1`,
      [jobId],
    );
    return rows[0];
  }

  async function waitForDelivery(
    jobId: string,
    status: string,
  ): Promise<{ status: string; attempts: number; id: string }> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const delivery = await deliveryOf(jobId);
      if (delivery?.status === status) return delivery;
      if (Date.now() > deadline) throw new Error(`delivery of ${jobId} is ${JSON.stringify(delivery)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('POSTs a Standard Webhooks-signed video.completed callback when the job ends', async () => {
    const user = await server.createUser();
    const profile = await request(server.app)
      .get('/api/v1/profile')
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, callbackUrl: receiver.url })
      .expect(202);
    const [callback] = await receiver.waitFor(1);
    const verified = verifyWebhook({
      secret: profile.body.callbackSigningSecret,
      headers: callback.headers as Record<string, string>,
      payload: callback.body,
    });
    const payload = JSON.parse(callback.body);
    expect(payload.type).to.equal('video.completed');
    expect(payload.data).to.include({
      id: created.body.id,
      status: 'COMPLETED',
      videoUrl: `http://127.0.0.1:3000/api/v1/videos/${created.body.id}/file`,
    });
    expect(payload.data.durationSec).to.be.a('number');
    expect(callback.headers['content-type']).to.equal('application/json');
    const delivery = await waitForDelivery(created.body.id, 'DELIVERED');
    expect(verified.id).to.equal(callbackMessageId(delivery.id));
    expect(delivery.attempts).to.equal(1);
  });

  it('retries failures with growing delays, keeping the webhook-id and body, until a 2xx', async () => {
    const user = await server.createUser();
    receiver.script.push(
      { status: 500 },
      { status: 302, headers: { location: 'http://169.254.169.254/' } },
      { status: 200 },
    );
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, callbackUrl: receiver.url })
      .expect(202);
    const attempts = await receiver.waitFor(3);
    const delivery = await waitForDelivery(created.body.id, 'DELIVERED');
    expect(delivery.attempts).to.equal(3);
    expect(new Set(attempts.map((attempt) => attempt.headers['webhook-id'])).size).to.equal(1);
    expect(new Set(attempts.map((attempt) => attempt.body)).size).to.equal(1);
    // base 150 ms ±20 %, then 300 ms ±20 %: the gaps grow and respect the minimum.
    const gaps = [attempts[1].receivedAt - attempts[0].receivedAt, attempts[2].receivedAt - attempts[1].receivedAt];
    expect(gaps[0]).to.be.at.least(120);
    expect(gaps[1]).to.be.at.least(240);
    expect(receiver.received).to.have.length(3);
  });

  it('honours Retry-After (capped by the longest delay) and gives up after the last attempt', async () => {
    const user = await server.createUser();
    receiver.script.push(
      { status: 503, headers: { 'retry-after': '1' } },
      { status: 500 },
      { status: 500 },
      { status: 500 },
    );
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, callbackUrl: receiver.url })
      .expect(202);
    const attempts = await receiver.waitFor(4);
    expect(attempts[1].receivedAt - attempts[0].receivedAt).to.be.at.least(950);
    const delivery = await waitForDelivery(created.body.id, 'FAILED');
    expect(delivery.attempts).to.equal(4);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(receiver.received).to.have.length(4);
  });

  it('stops at once on 410 Gone', async () => {
    const user = await server.createUser();
    receiver.script.push({ status: 410 });
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, callbackUrl: receiver.url })
      .expect(202);
    const delivery = await waitForDelivery(created.body.id, 'FAILED');
    expect(delivery.attempts).to.equal(1);
    expect(receiver.received).to.have.length(1);
  });

  it('sends video.cancelled when the job is cancelled', async () => {
    const paused = await createTestServer({
      workers: false,
      databaseUrl: server.databaseUrl,
      settings: { callbacks: CALLBACK_SETTINGS },
      callbackPolicy: policy,
    });
    const pausedDispatcher = new CallbackDispatcher({
      database: paused.database,
      engine: paused.engine,
      settings: { callbacks: CALLBACK_SETTINGS, publicBaseUrl: 'http://127.0.0.1:3000' } as never,
      logger: paused.logger,
      policy,
    });
    await pausedDispatcher.start({ deliver: false });
    try {
      const user = await paused.createUser();
      const created = await request(paused.app)
        .post('/api/v1/videos')
        .set('Authorization', `Bearer ${user.token}`)
        .send({ ...QUICK_BRIEF, callbackUrl: receiver.url })
        .expect(202);
      await request(paused.app)
        .post(`/api/v1/videos/${created.body.id}/cancel`)
        .set('Authorization', `Bearer ${user.token}`)
        .expect(200);
      const [callback] = await receiver.waitFor(1);
      expect(JSON.parse(callback.body)).to.deep.include({ type: 'video.cancelled' });
    } finally {
      await pausedDispatcher.stop();
      await paused.close();
    }
  });

  it('the sweeper queues callbacks of jobs that ended while no dispatcher was listening', async () => {
    dispatcher['options'].engine.events.off('job-end', dispatcher['onJobEnd']);
    try {
      const user = await server.createUser();
      const created = await request(server.app)
        .post('/api/v1/videos')
        .set('Authorization', `Bearer ${user.token}`)
        .send({ ...QUICK_BRIEF, callbackUrl: receiver.url })
        .expect(202);
      await waitForJobEnd(server.engine, created.body.id);
      expect(await deliveryOf(created.body.id)).to.equal(undefined);
      expect(await dispatcher.sweep()).to.equal(1);
      await receiver.waitFor(1);
      expect(await dispatcher.sweep()).to.equal(0);
    } finally {
      dispatcher['options'].engine.events.on('job-end', dispatcher['onJobEnd']);
    }
  });

  it('refuses a private callback URL at submit (400) unless allow-listed', async () => {
    const user = await server.createUser();
    const refused = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, callbackUrl: 'http://10.1.2.3/hook' });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.code).to.equal('validation');
    expect(refused.body.error.message).to.contain('callbackUrl');
    const metadata = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, callbackUrl: 'http://169.254.169.254/latest' });
    expect(metadata.status).to.equal(400);
    expect(
      (await request(server.app).get('/api/v1/videos').set('Authorization', `Bearer ${user.token}`)).body.total,
    ).to.equal(0);
  });

  it('checks again at delivery time: a name that now resolves to loopback is refused and nothing is sent', async () => {
    const user = await server.createUser();
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, callbackUrl: 'http://flip.test/hook' })
      .expect(202);
    const delivery = await waitForDelivery(created.body.id, 'REFUSED');
    expect(delivery.attempts).to.equal(1);
    expect(receiver.received).to.have.length(0);
  });
});
