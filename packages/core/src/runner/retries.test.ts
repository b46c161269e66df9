import { expect } from 'chai';
import pg from 'pg';
import { ProviderError } from '../errors/provider-error.js';
import type { StepEndEvent } from '../events/job-event.js';
import { queueSchemaFor } from '../persistence/database-schema-name.js';
import type { VoiceProviderV1 } from '../spec/voice/v1/voice-provider-v1.js';
import {
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '../testing/mock-providers.js';
import { SAMPLE_BRIEF, waitForJobEnd } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';
import { DEAD_LETTER_QUEUE } from './step-queues.js';

describe('runner retries and failures', () => {
  const suite = useTestEngineSuite();

  async function deadLetters(schema: string, jobId: string): Promise<number> {
    const client = new pg.Client({ connectionString: suite.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select count(*)::int as count from "${queueSchemaFor(schema)}".job where name = $1 and data->>'jobId' = $2`,
        [DEAD_LETTER_QUEUE, jobId],
      );
      return rows[0].count as number;
    } finally {
      await client.end();
    }
  }

  it('retries a retryable provider error after at least its retryAfterMs, with the same idempotency key, and completes', async () => {
    const callTimes: number[] = [];
    const script = createMockScriptProvider({
      failures: [
        new ProviderError({
          provider: 'mock',
          message: 'rate limited',
          retryable: true,
          retryAfterMs: 400,
          statusCode: 429,
        }),
      ],
      onCall: () => {
        callTimes.push(Date.now());
      },
    });
    const { engine } = await suite.start({ providers: { script } });
    const retrying: StepEndEvent[] = [];
    engine.events.on('step-end', (event) => {
      if (event.status === 'RETRYING') retrying.push(event);
    });
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);

    expect(job.status).to.equal('COMPLETED');
    expect(script.calls).to.have.length(2);
    expect(new Set(script.calls.map((call) => call.idempotencyKey))).to.deep.equal(new Set([`${job.id}:script`]));
    expect(callTimes[1] - callTimes[0]).to.be.at.least(400);
    expect(job.steps.find((step) => step.step === 'script')?.attempt).to.equal(2);
    expect(retrying).to.have.length(1);
    expect(retrying[0]).to.include({ step: 'script', attempt: 1 });
    expect(retrying[0].retryInMs).to.be.at.least(400);
    expect(retrying[0].error).to.deep.equal({ message: 'rate limited', code: 'http-429' });
  });

  it('fails the job on a non-retryable error with step, provider and reason, creates no later step and dead-letters it', async () => {
    const voice = createMockVoiceProvider({
      failures: [
        new ProviderError({
          provider: 'mock',
          message: 'content refused by policy',
          retryable: false,
          code: 'content_policy',
          statusCode: 400,
        }),
      ],
    });
    const visual = createMockVisualProvider();
    const { engine, schema } = await suite.start({ providers: { voice, visual } });
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);

    expect(job.status).to.equal('FAILED');
    expect(job.error).to.deep.equal({
      step: 'voice',
      provider: 'mock',
      message: 'content refused by policy',
      code: 'content_policy',
    });
    expect(voice.calls).to.have.length(1);
    expect(visual.calls).to.have.length(0);
    expect(job.steps.map((step) => [step.step, step.status])).to.deep.equal([
      ['script', 'COMPLETED'],
      ['voice', 'FAILED'],
    ]);
    expect(job.finishedAt).to.be.instanceOf(Date);
    expect(await deadLetters(schema, job.id)).to.equal(1);
  });

  it('fails the job after maxAttempts retryable errors, and engine.retry re-queues the step from the dead-letter queue with fresh attempts', async () => {
    const failure = () =>
      new ProviderError({ provider: 'mock', message: 'upstream 503', retryable: true, statusCode: 503 });
    const script = createMockScriptProvider({ failures: [failure(), failure(), failure()] });
    const { engine, schema } = await suite.start({ providers: { script } });
    const failed = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);

    expect(failed.status).to.equal('FAILED');
    expect(script.calls).to.have.length(3);
    expect(failed.error).to.include({ step: 'script', provider: 'mock', code: 'http-503' });
    expect(failed.error?.message).to.equal('upstream 503 (gave up after 3 attempts)');
    expect(await deadLetters(schema, failed.id)).to.equal(1);

    const retried = await engine.retry(failed.id);
    expect(retried.status).to.equal('RUNNING');
    expect(retried.error).to.equal(null);
    const job = await waitForJobEnd(engine, failed.id);
    expect(job.status).to.equal('COMPLETED');
    expect(script.calls).to.have.length(4);
    expect(job.steps.find((step) => step.step === 'script')?.attempt).to.equal(1);
    expect(await deadLetters(schema, failed.id)).to.equal(0);

    const again = await engine.retry(failed.id).catch((caught: unknown) => caught);
    expect(again).to.have.property('code', 'conflict');
  });

  it('retries an unexpected exception (a TypeError) like a retryable error', async () => {
    const visual = createMockVisualProvider({ failures: [new TypeError('fetch failed')] });
    const { engine } = await suite.start({ providers: { visual } });
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);

    expect(job.status).to.equal('COMPLETED');
    const retried = job.steps.filter((step) => step.step === 'visual' && step.attempt === 2);
    expect(retried).to.have.length(1);
    expect(visual.calls).to.have.length(4);
  });

  it('fails the job without retrying when a provider returns an invalid result (narration scenes ≠ script scenes)', async () => {
    const mock = createMockVoiceProvider();
    const voice: VoiceProviderV1 = {
      ...mock,
      async doSynthesize(options) {
        const result = await mock.doSynthesize(options);
        return { ...result, narration: { ...result.narration, scenes: result.narration.scenes.slice(1) } };
      },
    };
    const { engine } = await suite.start({ providers: { voice } });
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);

    expect(job.status).to.equal('FAILED');
    expect(mock.calls).to.have.length(1);
    expect(job.error).to.include({ step: 'voice', provider: 'mock', code: 'invalid-provider-output' });
    expect(job.error?.message).to.match(/narration has 2 scenes, the script has 3/);
  });
});
