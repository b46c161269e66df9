import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, isTerminalJobStatus, LocalArtifactStore, ProviderRegistry } from '@looply/core';
import type { Engine, JobView } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createTestDatabase,
  type TestDatabase,
} from '@looply/core/testing';
import { expect } from 'chai';
import pg from 'pg';
import { elevenlabsPlugin } from './elevenlabs-provider.js';
import { startFakeElevenLabsServer, type FakeElevenLabsServer } from './testing/fake-elevenlabs-server.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

async function finished(engine: Engine, jobId: string): Promise<JobView> {
  for (;;) {
    const job = await engine.get(jobId);
    if (job && isTerminalJobStatus(job.status)) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('ElevenLabs voice in the real runner (test Postgres, fake ElevenLabs)', function () {
  this.timeout(120_000);
  let fake: FakeElevenLabsServer;
  let database: TestDatabase;
  let folder: string;
  let engine: Engine;

  beforeEach(async () => {
    fake = await startFakeElevenLabsServer();
    database = await createTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'looply-elevenlabs-engine-'));
    const registry = new ProviderRegistry()
      .register(createMockScriptProvider({ sceneCount: 3 }))
      .register(createMockVisualProvider())
      .register(createMockAssemblyProvider())
      .use(elevenlabsPlugin({ apiKey: fake.apiKey, baseURL: fake.url, maxConcurrency: 1 }));
    engine = createEngine({
      databaseUrl: database.url,
      registry,
      artifacts: new LocalArtifactStore(folder),
      defaults: { script: 'mock', voice: 'elevenlabs', visual: 'mock', assembly: 'mock' },
      worker: { concurrency: 2, retryBaseDelayMs: 10 },
    });
    await engine.start();
    await engine.startWorkers();
  });

  afterEach(async () => {
    await engine.stop();
    await fake.close();
    await database.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('retries a 429 after the Retry-After wait and buys each scene exactly once', async () => {
    const submitted = await engine.submit({ topic: 'solar power', durationSec: 10 });
    const secondScene = `Let us look closer at how solar power works in practice.`;
    fake.respondNext({
      status: 429,
      body: fixture('too-many-concurrent-requests.json'),
      headers: { 'retry-after': '1' },
      match: (request) => (request.body as { text: string }).text === secondScene,
    });

    const job = await finished(engine, submitted.id);
    expect(job.status, JSON.stringify(job.error)).to.equal('COMPLETED');
    const voiceStep = job.steps.find((step) => step.step === 'voice')!;
    expect(voiceStep).to.include({ provider: 'elevenlabs', attempt: 2 });

    const speech = fake.requests.filter((request) => request.path.endsWith('/with-timestamps'));
    const bought = speech
      .filter((request) => request.status === 200)
      .map((request) => (request.body as { text: string }).text);
    expect(new Set(bought).size, 'no scene bought twice').to.equal(bought.length);
    expect(bought).to.have.length(3);
    expect(speech.filter((request) => request.status === 429)).to.have.length(1);
    expect(voiceStep.usage?.characters).to.equal(
      fake.requests.reduce((sum, request) => sum + (request.speech?.characterCost ?? 0), 0),
    );

    // The stored narration carries the vendor-timed words the timeline's captions are built from.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ output: { narration: { wordTimingsExact: boolean; words: unknown[] } } }>(
        `select output from looply.step_run where job_id = $1 and step = 'voice'`,
        [job.id],
      );
      expect(rows[0].output.narration.wordTimingsExact).to.equal(true);
      expect(rows[0].output.narration.words.length).to.be.greaterThan(20);
    } finally {
      await client.end();
    }
  });

  it('fails the job at once on a fatal ElevenLabs error, without retrying', async () => {
    fake.respondNext({ status: 401, body: fixture('quota-exceeded.json') }, 3);
    const submitted = await engine.submit({ topic: 'solar power', durationSec: 10 });
    const job = await finished(engine, submitted.id);
    expect(job.status).to.equal('FAILED');
    expect(job.error).to.deep.include({ step: 'voice', provider: 'elevenlabs' });
    expect(job.error?.message).to.include('ElevenLabs quota exceeded');
    expect(job.steps.find((step) => step.step === 'voice')!.attempt).to.equal(1);
    expect(fake.requests.filter((request) => request.path.endsWith('/with-timestamps'))).to.have.length(1);
  });
});
