import { createEngine, isTerminalJobStatus, ProviderRegistry, type Engine, type JobView } from '@looply/core';
import { createMockAssemblyProvider, createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import { loadFixture, temporaryArtifacts, type TestArtifacts } from './__fixtures__/fixtures.js';
import { openaiPlugin } from './openai-provider.js';
import { rateLimitAnswer, startFakeOpenAIServer, type FakeOpenAIServer } from './testing/index.js';

type ChatFixture = { choices: Array<{ message: { content: string } }> };

async function waitForEnd(engine: Engine, id: string): Promise<JobView> {
  for (;;) {
    const job = await engine.get(id);
    if (job && isTerminalJobStatus(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the OpenAI providers in the engine (real runner and Postgres, fake OpenAI)', function () {
  this.timeout(180_000);
  const API_KEY = 'sk-test-engine';
  let database: TestDatabase;
  let fake: FakeOpenAIServer;
  let artifacts: TestArtifacts;
  let engine: Engine;
  let narrations: string[];
  let fixture: ChatFixture;

  before(async () => {
    database = await createTestDatabase();
    fake = await startFakeOpenAIServer({ apiKey: API_KEY });
    fixture = await loadFixture<ChatFixture>('chat-completion-script-10s.json');
    narrations = (
      JSON.parse(fixture.choices[0].message.content) as { scenes: Array<{ narration: string }> }
    ).scenes.map((scene) => scene.narration);
  });
  after(async () => {
    await fake.close();
    await database.drop();
  });
  beforeEach(async () => {
    fake.reset();
    artifacts = await temporaryArtifacts();
  });
  afterEach(async () => {
    await engine.stop();
    await artifacts.cleanup();
  });

  async function start(apiKey: string): Promise<Engine> {
    const registry = new ProviderRegistry()
      .use(openaiPlugin({ apiKey, baseURL: fake.baseURL }))
      .register(createMockAssemblyProvider());
    engine = createEngine({
      databaseUrl: database.url,
      registry,
      artifacts: artifacts.store,
      defaults: { script: 'openai', voice: 'openai', visual: 'openai', assembly: 'mock' },
      schema: `openai_${Math.random().toString(16).slice(2, 10)}`,
      worker: { maxAttempts: 3, retryBaseDelayMs: 20, retryMaxDelayMs: 500 },
    });
    await engine.start();
    await engine.startWorkers();
    return engine;
  }

  it('voices and illustrates the script OpenAI wrote, and retries a first 429 once with the same idempotency key', async () => {
    fake.enqueue('chat', rateLimitAnswer({ retryAfterMs: 150 }), { json: fixture });
    await start(API_KEY);
    const submitted = await engine.submit({ topic: 'solar power', tone: 'enthusiastic', durationSec: 10 });
    const job = await waitForEnd(engine, submitted.id);

    expect(job.status, JSON.stringify(job.error)).to.equal('COMPLETED');
    expect(job.providers).to.deep.equal({ script: 'openai', voice: 'openai', visual: 'openai', assembly: 'mock' });
    const chat = fake.requestsTo('chat');
    expect(chat.map((request) => request.status)).to.deep.equal([429, 200]);
    expect(chat[1].headers['idempotency-key']).to.equal(chat[0].headers['idempotency-key']);
    const scriptStep = job.steps.find((step) => step.step === 'script')!;
    expect(scriptStep.attempt).to.equal(2);

    const spoken = fake.requestsTo('speech').map((request) => (request.body as { input: string }).input);
    expect(spoken).to.have.members(narrations).and.have.length(narrations.length);
    expect(fake.requestsTo('images')).to.have.length(narrations.length);
    expect(job.result?.durationSec).to.be.greaterThan(0);
  });

  it('fails the job at the script step on a wrong key, naming OpenAI and the cause, after one request', async () => {
    await start('sk-wrong-key-for-engine');
    const submitted = await engine.submit({ topic: 'solar power', durationSec: 10 });
    const job = await waitForEnd(engine, submitted.id);

    expect(job.status).to.equal('FAILED');
    expect(job.error).to.include({ step: 'script', provider: 'openai', code: 'invalid_api_key' });
    expect(job.error!.message).to.include('OpenAI rejected the API key');
    expect(fake.requestsTo('chat')).to.have.length(1);
    expect(fake.requestsTo('speech')).to.have.length(0);
  });
});
