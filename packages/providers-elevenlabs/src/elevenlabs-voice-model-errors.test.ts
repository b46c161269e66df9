import { ProviderError } from '@looply/core';
import { expect } from 'chai';
import { useVoiceModelHarness, fixture, SCENES } from './__fixtures__/voice-model-harness.js';
import { createElevenLabs } from './elevenlabs-provider.js';
import type { FakeElevenLabsServer } from './testing/fake-elevenlabs-server.js';

describe('ElevenLabs voice provider (against a local fake ElevenLabs)', function () {
  const harness = useVoiceModelHarness();
  const { provider, callOptions, speechRequests } = harness;
  let fake: FakeElevenLabsServer;

  describe('vendor errors', () => {
    it('fails fatally within one request on a wrong key, naming ElevenLabs (the SDK does not retry)', async () => {
      fake = await harness.start({ apiKey: 'the-right-key' });
      const error = await provider({ apiKey: 'a-wrong-key', maxConcurrency: 1 })
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught);
      expect(ProviderError.isInstance(error)).to.equal(true);
      expect((error as ProviderError).retryable).to.equal(false);
      expect((error as ProviderError).statusCode).to.equal(401);
      expect((error as Error).message).to.match(/^ElevenLabs rejected the API key/);
      expect(fake.requests).to.have.length(1);
    });

    it('fails fatally on quota_exceeded with the vendor message', async () => {
      fake = await harness.start();
      fake.respondNext({ status: 401, body: fixture('quota-exceeded.json') }, 3);
      const error = (await provider()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(false);
      expect(error.code).to.equal('quota_exceeded');
      expect(error.message).to.include('credits are required');
    });

    it('names the voice on 404 voice_not_found', async () => {
      fake = await harness.start();
      const error = (await provider({ voiceId: 'Xb7hH8MSUJpSbSDYk0k2' })
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(false);
      expect(error.statusCode).to.equal(404);
      expect(error.message).to.include('"Xb7hH8MSUJpSbSDYk0k2"');
    });

    it('shows the 422 validation detail', async () => {
      fake = await harness.start();
      fake.respondNext({ status: 422, body: fixture('validation-error.json') }, 3);
      const error = (await provider()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(false);
      expect(error.message).to.include('body.text: Field required');
    });

    it('makes 429 retryable with the Retry-After wait, or a default one when ElevenLabs sends none', async () => {
      fake = await harness.start();
      fake.respondNext({
        status: 429,
        body: fixture('too-many-concurrent-requests.json'),
        headers: { 'retry-after': '3' },
      });
      const withHeader = (await provider({ maxConcurrency: 1 })
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect([withHeader.retryable, withHeader.retryAfterMs, withHeader.code]).to.deep.equal([
        true,
        3000,
        'too_many_concurrent_requests',
      ]);

      fake.respondNext({ status: 429, body: fixture('system-busy.json') });
      const busy = (await provider({ maxConcurrency: 1 })
        .doSynthesize(callOptions({ artifactPrefix: 'jobs/job-2/voice' }))
        .catch((caught: unknown) => caught)) as ProviderError;
      expect([busy.retryable, busy.retryAfterMs, busy.code]).to.deep.equal([true, 10_000, 'system_busy']);
    });

    it('makes 500 retryable and sends it once: the SDK retries are off', async () => {
      fake = await harness.start();
      fake.respondNext({ status: 500, body: fixture('internal-server-error.json') });
      const error = (await provider({ maxConcurrency: 1 })
        .doSynthesize(callOptions({ narrations: [SCENES[0]] }))
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(true);
      expect(error.statusCode).to.equal(500);
      expect(speechRequests()).to.have.length(1);
    });

    it('makes an unreachable ElevenLabs retryable', async () => {
      fake = await harness.start();
      const closedUrl = fake.url;
      await fake.close();
      const error = (await createElevenLabs({ apiKey: 'key', baseURL: closedUrl, voiceId: 'JBFqnCBsd6RMkjVDRZzb' })
        .voice()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(true);
      expect(error.message).to.include('Could not reach ElevenLabs');
      fake = await harness.start();
    });
  });
});
