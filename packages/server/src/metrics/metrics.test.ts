import { ProviderError, type ScriptProviderV1 } from '@looply/core';
import { createMockScriptProvider } from '@looply/core/testing';
import { expect } from 'chai';
import request from 'supertest';
import { startCallbackReceiver } from '../__fixtures__/callback-receiver.js';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';
import { createApp, type LooplyApp } from '../app/create-app.js';
import { CallbackDispatcher } from '../callbacks/callback-dispatcher.js';
import { CallbackUrlPolicy } from '../callbacks/callback-url-policy.js';
import { startMetricsServer } from './metrics-server.js';
import { parsePrometheusText, sampleValue, type PrometheusSample } from './prometheus-text.js';
import { createServerMetrics, type ServerMetrics } from './server-metrics.js';

const TOKEN = 'metrics-token-0123456789';
const CALLBACK_SETTINGS = {
  allowlist: ['127.0.0.1/32'],
  baseDelayMs: 150,
  maxDelayMs: 1500,
  maxAttempts: 4,
  pollIntervalSeconds: 0.5,
  timeoutMs: 3000,
  sweepIntervalMs: 60_000,
};
const SCRIPT_COST_USD = 0.0123;

/** A mock script writer that reports a cost and fails its first call with a retryable rate limit. */
function pricedScriptProvider(): ScriptProviderV1 {
  const mock = createMockScriptProvider({
    id: 'priced',
    failures: [
      new ProviderError({
        provider: 'priced',
        message: 'Too many requests',
        retryable: true,
        code: 'rate_limited',
        statusCode: 429,
      }),
    ],
  });
  return {
    ...mock,
    async doGenerate(options) {
      const result = await mock.doGenerate(options);
      return { ...result, usage: { ...result.usage, costUsd: SCRIPT_COST_USD } };
    },
  };
}

describe('Prometheus metrics', () => {
  let server: TestServer;
  let metrics: ServerMetrics;
  let app: LooplyApp;
  let dispatcher: CallbackDispatcher;
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

  before(async () => {
    const policy = new CallbackUrlPolicy(CALLBACK_SETTINGS.allowlist);
    server = await createTestServer({
      settings: { callbacks: CALLBACK_SETTINGS },
      callbackPolicy: policy,
      register: (registry) => {
        registry.register(pricedScriptProvider());
        registry.register(
          createMockScriptProvider({
            id: 'refusing',
            failures: [
              new ProviderError({
                provider: 'refusing',
                message: 'Content refused',
                retryable: false,
                code: 'content_refused',
              }),
            ],
          }),
        );
      },
    });
    metrics = createServerMetrics({ engine: server.engine, engineSchema: 'looply', database: server.database });
    app = createApp({
      engine: server.engine,
      database: server.database,
      logger: server.logger,
      settings: { ...server.settings, metrics: { token: TOKEN } },
      callbackPolicy: policy,
      metrics,
    });
    dispatcher = new CallbackDispatcher({
      database: server.database,
      engine: server.engine,
      settings: { callbacks: CALLBACK_SETTINGS, publicBaseUrl: 'http://127.0.0.1:3000' } as never,
      logger: server.logger,
      policy,
    });
    await dispatcher.start();
    receiver = await startCallbackReceiver();
  });
  after(async () => {
    app?.close();
    metrics?.close();
    await dispatcher?.stop();
    await receiver?.close();
    await server?.close();
  });

  async function scrape(): Promise<PrometheusSample[]> {
    const response = await request(app).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(response.status, response.text).to.equal(200);
    expect(response.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(response.text);
  }

  it('refuses a scrape without the bearer token, or with a wrong one (401)', async () => {
    const anonymous = await request(app).get('/metrics');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers['www-authenticate']).to.match(/^Bearer/);
    expect(anonymous.text).not.to.contain('looply_');
    expect((await request(app).get('/metrics').set('Authorization', 'Bearer not-the-token-at-all')).status).to.equal(
      401,
    );
  });

  it('labels requests with the route pattern, never the raw path, also when the route answers an error', async () => {
    const user = await server.createUser();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(
      (await request(app).get(`/api/v1/videos/${missing}`).set('Authorization', `Bearer ${user.token}`)).status,
    ).to.equal(404);
    expect((await request(app).get('/no/such/route')).status).to.equal(404);
    const samples = await scrape();
    expect(
      sampleValue(samples, 'looply_http_requests_total', { method: 'GET', route: '/api/v1/videos/:id', status: '404' }),
    ).to.equal(1);
    expect(
      sampleValue(samples, 'looply_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }),
    ).to.equal(1);
    expect(samples.some((sample) => sample.labels.route?.includes(missing))).to.equal(false);
  });

  it('serves no /metrics on the API port when no token is set', async () => {
    expect((await request(server.app).get('/metrics')).status).to.equal(404);
  });

  it('after a video: step histograms, errors, retries, cost, jobs, queues, HTTP requests and webhook deliveries moved as expected', async () => {
    const before = await scrape();
    const user = await server.createUser();
    const created = await request(app)
      .post('/api/v1/videos')
      .set('Authorization', `Bearer ${user.token}`)
      .send({ ...QUICK_BRIEF, providers: { script: 'priced' }, callbackUrl: receiver.url });
    expect(created.status, JSON.stringify(created.body)).to.equal(202);
    expect(await waitForJobEnd(server.engine, created.body.id)).to.equal('COMPLETED');
    await receiver.waitFor(1);
    const job = await server.engine.get(created.body.id);
    const scenes = job!.steps.filter((step) => step.step === 'visual').length;
    // The delivery row is marked after the receiver answered.
    let after = await scrape();
    for (
      let tries = 0;
      sampleValue(after, 'looply_webhook_deliveries', { result: 'delivered' }) ===
        sampleValue(before, 'looply_webhook_deliveries', { result: 'delivered' }) && tries < 100;
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrape();
    }
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);

    expect(
      moved('looply_step_duration_seconds_count', { step: 'script', provider: 'priced', status: 'RETRYING' }),
    ).to.equal(1);
    expect(
      moved('looply_step_duration_seconds_count', { step: 'script', provider: 'priced', status: 'COMPLETED' }),
    ).to.equal(1);
    expect(
      moved('looply_step_duration_seconds_count', { step: 'voice', provider: 'mock', status: 'COMPLETED' }),
    ).to.equal(1);
    expect(
      moved('looply_step_duration_seconds_count', { step: 'visual', provider: 'mock', status: 'COMPLETED' }),
    ).to.equal(scenes);
    expect(
      moved('looply_step_duration_seconds_count', { step: 'assembly', provider: 'mock', status: 'COMPLETED' }),
    ).to.equal(1);
    expect(
      moved('looply_step_duration_seconds_bucket', {
        step: 'assembly',
        provider: 'mock',
        status: 'COMPLETED',
        le: '+Inf',
      }),
    ).to.equal(1);
    expect(
      moved('looply_provider_errors_total', { step: 'script', provider: 'priced', code: 'rate_limited' }),
    ).to.equal(1);
    expect(moved('looply_step_retries_total', { step: 'script', provider: 'priced' })).to.equal(1);
    expect(moved('looply_cost_usd_total', { provider: 'priced' })).to.be.closeTo(SCRIPT_COST_USD, 1e-9);
    expect(moved('looply_jobs_finished_total', { status: 'COMPLETED' })).to.equal(1);
    expect(
      sampleValue(after, 'looply_jobs', {
        status: 'COMPLETED',
        script_provider: 'priced',
        voice_provider: 'mock',
        visual_provider: 'mock',
        assembly_provider: 'mock',
      }),
    ).to.equal(1);
    expect(sampleValue(after, 'looply_queue_depth', { step: 'script' })).to.equal(0);
    expect(sampleValue(after, 'looply_oldest_waiting_step_age_seconds', { step: 'visual' })).to.equal(0);
    expect(moved('looply_http_requests_total', { method: 'POST', route: '/api/v1/videos', status: '202' })).to.equal(1);
    expect(moved('looply_webhook_deliveries', { result: 'delivered' })).to.equal(1);
  });

  it('counts a refused job as a provider error, a failed job and a dead letter', async () => {
    const before = await scrape();
    const job = await server.engine.submit({ ...QUICK_BRIEF, providers: { script: 'refusing' } });
    expect(await waitForJobEnd(server.engine, job.id)).to.equal('FAILED');
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(
      moved('looply_provider_errors_total', { step: 'script', provider: 'refusing', code: 'content_refused' }),
    ).to.equal(1);
    expect(moved('looply_step_retries_total', { provider: 'refusing' })).to.equal(0);
    expect(moved('looply_jobs_finished_total', { status: 'FAILED' })).to.equal(1);
    expect(moved('looply_dead_letter_jobs')).to.equal(1);
  });

  it('shows queued steps and the age of the oldest one while no worker takes them', async () => {
    const idle = await createTestServer({ workers: false });
    const idleMetrics = createServerMetrics({ engine: idle.engine, engineSchema: 'looply', database: idle.database });
    try {
      await idle.engine.submit(QUICK_BRIEF);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const samples = parsePrometheusText(await idleMetrics.registry.metrics());
      expect(sampleValue(samples, 'looply_queue_depth', { step: 'script' })).to.equal(1);
      expect(sampleValue(samples, 'looply_oldest_waiting_step_age_seconds', { step: 'script' })).to.be.at.least(1);
      expect(sampleValue(samples, 'looply_jobs', { status: 'PENDING' })).to.equal(1);
    } finally {
      idleMetrics.close();
      await idle.close();
    }
  });

  it('serves the metrics on a port of their own, asking for the token there too when one is set', async () => {
    const open = await startMetricsServer({ registry: metrics.registry, port: 0, host: '127.0.0.1' });
    const guarded = await startMetricsServer({ registry: metrics.registry, port: 0, host: '127.0.0.1', token: TOKEN });
    try {
      const scraped = await fetch(`http://127.0.0.1:${open.port}/metrics`);
      expect(scraped.status).to.equal(200);
      expect(await scraped.text()).to.contain('# TYPE looply_step_duration_seconds histogram');
      expect((await fetch(`http://127.0.0.1:${open.port}/api/v1/health`)).status).to.equal(404);
      expect((await fetch(`http://127.0.0.1:${guarded.port}/metrics`)).status).to.equal(401);
      expect(
        (await fetch(`http://127.0.0.1:${guarded.port}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } }))
          .status,
      ).to.equal(200);
    } finally {
      await open.close();
      await guarded.close();
    }
  });
});
