import { expect } from 'chai';
import { createMockVisualProvider, type MockLongRunningVisualProvider } from '@looply/core/testing';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';
import { generateWebhookSecret, verifyWebhook, webhookHeaders } from './standard-webhooks.js';

const SECRET = generateWebhookSecret();

describe('POST /api/v1/webhooks/:provider', () => {
  let server: TestServer;
  let visual: MockLongRunningVisualProvider;
  let parsed = 0;

  before(async () => {
    server = await createTestServer({
      // Only webhooks resume waiting steps here: polls are an hour apart.
      worker: { pollIntervalMs: 3_600_000 },
      register: (registry) => {
        visual = createMockVisualProvider({
          id: 'signed',
          mode: 'long-running',
          autoComplete: false,
          pollAfterMs: 3_600_000,
        });
        const parseWebhook = visual.parseWebhook.bind(visual);
        registry.register({
          ...visual,
          // A provider verifying Standard Webhooks with the server's helper, then reading the body.
          async parseWebhook(webhook) {
            parsed++;
            verifyWebhook({ secret: SECRET, headers: webhook.headers, payload: webhook.body });
            return parseWebhook(webhook);
          },
        });
      },
    });
  });
  after(async () => {
    await server?.close();
  });

  async function waitingExternalIds(jobId: string, count: number): Promise<string[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const job = await server.engine.get(jobId);
      const waiting = job!.steps.filter(
        (step) => step.step === 'visual' && step.status === 'WAITING' && step.externalId,
      );
      if (waiting.length >= count) return waiting.map((step) => step.externalId!);
      if (Date.now() > deadline)
        throw new Error(
          `visual steps not waiting: ${JSON.stringify(job!.steps.map((step) => [step.step, step.status]))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  function signed(body: string, options: { id?: string; timestamp?: Date } = {}): Record<string, string> {
    return {
      'content-type': 'application/json',
      ...webhookHeaders({
        secret: SECRET,
        id: options.id ?? `msg_${Math.random().toString(36).slice(2)}`,
        timestamp: options.timestamp ?? new Date(),
        payload: body,
      }),
    };
  }

  it('hands the raw body to the provider; signed callbacks resume the waiting steps and a replay changes nothing', async () => {
    const user = await server.createUser();
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, providers: { visual: 'signed' } })
      .expect(202);
    const externalIds = await waitingExternalIds(created.body.id, 2);
    const [first, ...others] = externalIds;

    // Unusual spacing: a server that re-serialised JSON would break the signature.
    const body = `{ "externalId" : "${first}",   "status": "completed" }`;
    const headers = signed(body, { id: 'msg_first' });
    visual.complete(first);
    const accepted = await request(server.app).post('/api/v1/webhooks/signed').set(headers).send(body);
    expect(accepted.status).to.equal(200);
    expect(accepted.body).to.deep.equal({ accepted: true });
    const afterFirst = await server.engine.get(created.body.id);
    expect(afterFirst!.steps.find((step) => step.externalId === first)!.status).to.equal('COMPLETED');

    const parsedBefore = parsed;
    const replay = await request(server.app).post('/api/v1/webhooks/signed').set(headers).send(body);
    expect(replay.status).to.equal(200);
    expect(replay.body.duplicate).to.equal(true);
    expect(parsed).to.equal(parsedBefore);

    for (const externalId of others) {
      visual.complete(externalId);
      const next = `{"externalId":"${externalId}","status":"completed"}`;
      await request(server.app).post('/api/v1/webhooks/signed').set(signed(next)).send(next).expect(200);
    }
    const remaining = (await server.engine.get(created.body.id))!.steps.filter(
      (step) => step.step === 'visual' && step.status === 'WAITING',
    );
    for (const step of remaining) {
      visual.complete(step.externalId!);
      const next = `{"externalId":"${step.externalId}","status":"completed"}`;
      await request(server.app).post('/api/v1/webhooks/signed').set(signed(next)).send(next).expect(200);
    }
    expect(await waitForJobEnd(server.engine, created.body.id)).to.equal('COMPLETED');
  });

  it('answers a bad signature, a tampered body and a timestamp outside ±5 min with 401, changing nothing', async () => {
    const user = await server.createUser();
    const created = await request(server.app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, providers: { visual: 'signed' } })
      .expect(202);
    const [externalId] = await waitingExternalIds(created.body.id, 1);
    visual.complete(externalId);
    const body = `{"externalId":"${externalId}","status":"completed"}`;
    const cases: Array<[string, Record<string, string>, string]> = [
      [
        'wrong secret',
        {
          ...signed(body),
          'webhook-signature': webhookHeaders({
            secret: generateWebhookSecret(),
            id: 'x',
            timestamp: new Date(),
            payload: body,
          })['webhook-signature'],
        },
        body,
      ],
      ['tampered body', signed(body), body.replace('completed', 'completed ')],
      ['301 s old', signed(body, { timestamp: new Date(Date.now() - 301_000) }), body],
      // Ahead by a margin: the request is signed a moment before the server reads its clock (the exact edges are unit-tested).
      ['330 s ahead', signed(body, { timestamp: new Date(Date.now() + 330_000) }), body],
      ['no signature headers', { 'content-type': 'application/json' }, body],
    ];
    for (const [name, headers, sent] of cases) {
      const response = await request(server.app).post('/api/v1/webhooks/signed').set(headers).send(sent);
      expect(response.status, name).to.equal(401);
      expect(response.body.error.code, name).to.equal('invalid-signature');
    }
    const job = await server.engine.get(created.body.id);
    expect(job!.steps.find((step) => step.externalId === externalId)!.status).to.equal('WAITING');
    await request(server.app)
      .post(`/api/v1/videos/${created.body.id}/cancel`)
      .set('Authorization', `Bearer ${user.token}`)
      .expect(200);
  });

  it('answers an unknown provider with 404 and a body over 1 MB with 413', async () => {
    const unknown = await request(server.app)
      .post('/api/v1/webhooks/nobody')
      .set('content-type', 'application/json')
      .send('{}');
    expect(unknown.status).to.equal(404);
    expect(unknown.body.error.code).to.equal('not-found');
    const big = 'x'.repeat(1_048_577);
    const tooLarge = await request(server.app).post('/api/v1/webhooks/signed').set(signed(big)).send(big);
    expect(tooLarge.status).to.equal(413);
    expect(tooLarge.body.error.code).to.equal('payload-too-large');
  });

  it('accepts any content type as raw bytes (the JSON parser never sees webhook bodies)', async () => {
    const body = '{"externalId":"mock-unknown","status":"completed"}';
    const response = await request(server.app)
      .post('/api/v1/webhooks/signed')
      .set({ ...signed(body), 'content-type': 'text/plain' })
      .send(body);
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ accepted: false });
  });
});
