import { AbortedError, type ProviderError } from '@looply/core';
import { expect } from 'chai';
import { useVoiceModelHarness, fixture, SCENES } from './__fixtures__/voice-model-harness.js';
import type { FakeElevenLabsServer } from './testing/fake-elevenlabs-server.js';

describe('ElevenLabs voice provider (against a local fake ElevenLabs)', function () {
  const harness = useVoiceModelHarness();
  const { provider, callOptions, speechRequests, successfulSpeech, textOf, expectedWords, expectCloseWords } = harness;
  let fake: FakeElevenLabsServer;

  describe('concurrency, retries and cancellation', () => {
    it('keeps requests within maxConcurrency, so a plan limit of 2 never answers 429', async () => {
      fake = await harness.start({ maxConcurrentRequests: 2, responseDelayMs: 40 });
      const narrations = Array.from({ length: 6 }, (_, index) => `Scene number ${index + 1} is here.`);
      const voice = provider({ maxConcurrency: 2 });
      // Two calls at once share the instance's limit.
      await Promise.all([
        voice.doSynthesize(callOptions({ narrations })),
        voice.doSynthesize(callOptions({ narrations, artifactPrefix: 'jobs/job-2/voice' })),
      ]);
      expect(speechRequests().every((request) => request.status === 200)).to.equal(true);
      expect(fake.peakConcurrentRequests).to.be.within(1, 2);
    });

    it('does not pay again on retry for clips a failed attempt already bought', async () => {
      fake = await harness.start();
      fake.respondNext({
        status: 429,
        body: fixture('too-many-concurrent-requests.json'),
        match: (request) => (request.body as { text: string }).text === SCENES[1],
      });
      const voice = provider({ maxConcurrency: 1 });
      const first = (await voice.doSynthesize(callOptions()).catch((caught: unknown) => caught)) as ProviderError;
      expect(first.retryable).to.equal(true);
      // Scene 1 was bought; scene 3 was not started once scene 2 failed.
      expect(successfulSpeech().map(textOf)).to.deep.equal([SCENES[0]]);
      expect(speechRequests()).to.have.length(2);

      const { narration } = await voice.doSynthesize(callOptions());
      expect(successfulSpeech().map(textOf)).to.deep.equal(SCENES);
      expect(speechRequests()).to.have.length(4);
      expectCloseWords(narration.words, expectedWords(SCENES.map((text) => [text])));
    });

    it('throws AbortedError without any request when already aborted', async () => {
      fake = await harness.start();
      const controller = new AbortController();
      controller.abort();
      const error = await provider()
        .doSynthesize(callOptions({ abortSignal: controller.signal }))
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(AbortedError);
      expect(fake.requests).to.have.length(0);
    });

    it('aborts the request in flight without waiting for its answer, and starts no new one', async () => {
      const controller = new AbortController();
      fake = await harness.start({ responseDelayMs: 30_000, onRequest: () => controller.abort() });
      const error = await provider({ maxConcurrency: 1 })
        .doSynthesize(callOptions({ abortSignal: controller.signal }))
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(AbortedError);
      expect(speechRequests()).to.have.length(1);
      expect(speechRequests()[0].status, 'the fake has not answered yet').to.equal(0);
      expect(await harness.artifacts.exists('jobs/job-1/voice/narration.wav')).to.equal(false);
    });
  });
});
