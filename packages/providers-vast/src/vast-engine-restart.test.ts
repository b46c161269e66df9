import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEngine, isTerminalJobStatus, LocalArtifactStore, ProviderRegistry } from '@looply/core';
import type { Engine, JobView } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVoiceProvider,
  createTestDatabase,
  type TestDatabase,
} from '@looply/core/testing';
import bunyan from 'bunyan';
import { expect } from 'chai';
import { startFakeComfyWrapper, type FakeComfyWrapper } from './testing/index.js';
import { WanVisualModel } from './wan-visual-model.js';
import type { VastVisualSettings } from './vast-settings.js';

const TOKEN = 'wan-engine-token';
const BRIEF = { topic: 'solar power', durationSec: 15, tone: 'enthusiastic' };

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('WAN visuals through the engine (restart, webhooks)', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let fake: FakeComfyWrapper;
  let artifactsRoot: string;
  const engines: Engine[] = [];

  before(async () => {
    database = await createTestDatabase();
    fake = await startFakeComfyWrapper({ apiToken: TOKEN, generationMs: 20 });
  });
  after(async () => {
    await fake.close();
    await database.drop();
  });
  beforeEach(async () => {
    fake.reset();
    artifactsRoot = await mkdtemp(join(tmpdir(), 'looply-vast-engine-'));
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
    await rm(artifactsRoot, { recursive: true, force: true });
  });

  async function startEngine(schema: string, settings: VastVisualSettings, pollIntervalMs: number): Promise<Engine> {
    const registry = new ProviderRegistry();
    registry.register(createMockScriptProvider());
    registry.register(createMockVoiceProvider());
    registry.register(new WanVisualModel({ endpointUrl: fake.url, apiToken: TOKEN, ...settings }));
    registry.register(createMockAssemblyProvider());
    const engine = createEngine({
      databaseUrl: database.url,
      schema,
      registry,
      artifacts: new LocalArtifactStore(artifactsRoot),
      defaults: { script: 'mock', voice: 'mock', visual: 'vast', assembly: 'mock' },
      logger: bunyan.createLogger({ name: 'vast-engine-test', level: bunyan.FATAL + 1 }),
      worker: {
        concurrency: 4,
        visualConcurrency: 4,
        leaseMs: 5000,
        pollIntervalMs,
        retryBaseDelayMs: 20,
        retryMaxDelayMs: 200,
        shutdownTimeoutMs: 2000,
      },
    });
    engines.push(engine);
    await engine.start();
    await engine.startWorkers();
    return engine;
  }

  const allVisualsWaiting = (engine: Engine, jobId: string) => async (): Promise<JobView | undefined> => {
    const job = await engine.get(jobId);
    const visuals = job?.steps.filter((step) => step.step === 'visual') ?? [];
    return visuals.length > 0 && visuals.every((step) => step.status === 'WAITING') ? (job ?? undefined) : undefined;
  };
  const ended = (engine: Engine, jobId: string) => async (): Promise<JobView | undefined> => {
    const job = await engine.get(jobId);
    return job && isTerminalJobStatus(job.status) ? job : undefined;
  };

  it('an engine stopped while the visuals are WAITING is replaced by a new one that completes the job with exactly one generation per scene', async () => {
    const schema = `vast_restart_${Date.now()}`;
    fake.hold();
    const first = await startEngine(schema, {}, 40);
    const { id } = await first.submit(BRIEF);
    const waiting = await waitFor('every visual WAITING', allVisualsWaiting(first, id));
    const scenes = waiting.steps.filter((step) => step.step === 'visual');
    expect(
      scenes.every((step) => typeof step.externalId === 'string' && step.externalId.startsWith('looply-')),
    ).to.equal(true);
    await first.stop();
    engines.splice(engines.indexOf(first), 1);

    fake.release();
    const second = await startEngine(schema, {}, 40);
    const job = await waitFor('the job to end', ended(second, id));
    expect(job.status, JSON.stringify(job.error)).to.equal('COMPLETED');
    const generated = fake
      .requestsTo('generate')
      .map((request) => (request.body as { input: { request_id: string } }).input.request_id);
    expect(generated).to.have.length(scenes.length);
    expect(new Set(generated).size).to.equal(scenes.length);
    expect(job.steps.filter((step) => step.step === 'visual').map((step) => step.externalId)).to.have.members(
      generated,
    );
  });

  it('completes the visuals from the wrapper’s signed webhooks (polls an hour apart); a replayed delivery changes nothing', async () => {
    const schema = `vast_webhook_${Date.now()}`;
    let engine: Engine | undefined;
    const deliveries: Array<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> = [];
    // Stands in for the server's POST /api/v1/webhooks/:provider: raw body and headers to engine.handleWebhook.
    const receiver: Server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const delivery = { headers: request.headers, body: Buffer.concat(chunks) };
        deliveries.push(delivery);
        engine!
          .handleWebhook('vast', { ...delivery, query: {} })
          .then((result) => {
            response.writeHead(200, { 'content-type': 'application/json' });
            response.end(JSON.stringify(result));
          })
          .catch(() => {
            response.writeHead(401);
            response.end();
          });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const publicBaseUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      fake.hold();
      engine = await startEngine(
        schema,
        { publicBaseUrl, webhookSecret: 'wan-webhook-secret', pollIntervalMs: 3_600_000 },
        3_600_000,
      );
      const { id } = await engine.submit(BRIEF);
      // The GPU finishes minutes after the step is WAITING; a webhook racing ahead of it is only caught by a poll.
      await waitFor('every visual WAITING', allVisualsWaiting(engine, id));
      fake.release();
      const job = await waitFor('the job to end', ended(engine, id));
      expect(job.status, JSON.stringify(job.error)).to.equal('COMPLETED');
      const scenes = job.steps.filter((step) => step.step === 'visual').length;
      expect(deliveries).to.have.length(scenes);
      const polls = fake.requestsTo('result').length;

      const replay = await engine.handleWebhook('vast', { ...deliveries[0], query: {} });
      expect(replay).to.deep.equal({ accepted: true });
      const after = await engine.get(id);
      expect(after?.status).to.equal('COMPLETED');
      expect(fake.requestsTo('generate')).to.have.length(scenes);
      expect(fake.requestsTo('result').length, 'a replayed delivery is not even confirmed again').to.equal(polls);
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
