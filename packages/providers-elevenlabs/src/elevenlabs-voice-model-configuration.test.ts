import { ProviderError } from '@looply/core';
import { expect } from 'chai';
import { useVoiceModelHarness, fixture } from './__fixtures__/voice-model-harness.js';
import { createElevenLabs } from './elevenlabs-provider.js';
import type { FakeElevenLabsServer } from './testing/fake-elevenlabs-server.js';

describe('ElevenLabs voice provider (against a local fake ElevenLabs)', function () {
  const harness = useVoiceModelHarness();
  const { provider, callOptions, speechRequests, successfulSpeech } = harness;
  let fake: FakeElevenLabsServer;

  describe('voices', () => {
    it('resolves a voice name once per provider instance through GET /v1/voices', async () => {
      fake = await harness.start({
        voices: (fixture('voices-response.json') as { voices: never[] }).voices,
      });
      const voice = provider({ voiceId: undefined, voiceName: 'nora narration' });
      await voice.doSynthesize(callOptions());
      await voice.doSynthesize(callOptions({ artifactPrefix: 'jobs/job-2/voice' }));

      const listings = fake.requests.filter((request) => request.path === '/v1/voices');
      expect(listings).to.have.length(1);
      expect(listings[0].method).to.equal('GET');
      expect(listings[0].headers['xi-api-key']).to.equal(fake.apiKey);
      expect(
        speechRequests().every((request) => request.path === '/v1/text-to-speech/pMsXgVXv3BLzUgSXRplE/with-timestamps'),
      ).to.equal(true);
    });

    it("uses the brief's voice: a premade name matches without its description", async () => {
      fake = await harness.start({
        voices: (fixture('voices-response.json') as { voices: never[] }).voices,
      });
      await provider().doSynthesize(callOptions({ brief: { topic: 'solar', voice: 'Sarah' } }));
      expect(speechRequests()[0].path).to.equal('/v1/text-to-speech/EXAVITQu4vr4xnSDxMaL/with-timestamps');
    });

    it('uses a voice id directly, without listing voices', async () => {
      fake = await harness.start();
      await provider().doSynthesize(callOptions({ voice: '21m00Tcm4TlvDq8ikWAM' }));
      expect(fake.requests.some((request) => request.path === '/v1/voices')).to.equal(false);
      expect(speechRequests()[0].path).to.equal('/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/with-timestamps');
    });

    it('fails fatally on an unknown voice name, naming it and listing available names, before any paid request', async () => {
      fake = await harness.start();
      const error = await provider()
        .doSynthesize(callOptions({ voice: 'Morgan Freeman' }))
        .catch((caught: unknown) => caught);
      expect(ProviderError.isInstance(error)).to.equal(true);
      expect((error as ProviderError).retryable).to.equal(false);
      expect((error as ProviderError).message)
        .to.include('"Morgan Freeman"')
        .and.include('George, Rachel, Sarah, Charlie');
      expect(speechRequests()).to.have.length(0);
    });

    it('falls back to ELEVENLABS_VOICE_ID, then to a premade voice with a warning', async () => {
      fake = await harness.start();
      process.env.ELEVENLABS_VOICE_ID = 'IKne3meq5aSn9XLyUdCD';
      const fromEnvironment = await provider({ voiceId: undefined }).doSynthesize(callOptions());
      expect(speechRequests()[0].path).to.include('/IKne3meq5aSn9XLyUdCD/');
      expect(fromEnvironment.warnings).to.deep.equal([]);

      delete process.env.ELEVENLABS_VOICE_ID;
      fake.requests.length = 0;
      const fallback = await provider({ voiceId: undefined }).doSynthesize(
        callOptions({ artifactPrefix: 'jobs/job-2/voice' }),
      );
      expect(speechRequests()[0].path).to.include('/JBFqnCBsd6RMkjVDRZzb/');
      expect(fallback.warnings.map((warning) => (warning.type === 'other' ? warning.message : ''))).to.satisfy(
        (messages: string[]) => messages.some((message) => message.includes('No ElevenLabs voice configured')),
      );
    });
  });

  describe('configuration', () => {
    it('reads ELEVENLABS_API_KEY and ELEVENLABS_BASE_URL lazily, at the first request', async () => {
      fake = await harness.start();
      const voice = createElevenLabs({ voiceId: 'JBFqnCBsd6RMkjVDRZzb' }).voice();
      process.env.ELEVENLABS_API_KEY = fake.apiKey;
      process.env.ELEVENLABS_BASE_URL = `${fake.url}/v1/`;
      await voice.doSynthesize(callOptions());
      expect(successfulSpeech()).to.have.length(3);
    });

    it('fails fatally without an API key, naming the variable, before any request', async () => {
      fake = await harness.start();
      const error = await createElevenLabs({ baseURL: fake.url })
        .voice()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught);
      expect((error as ProviderError).retryable).to.equal(false);
      expect((error as Error).message).to.include('ELEVENLABS_API_KEY');
      expect(fake.requests).to.have.length(0);
    });

    it('applies providerOptions.elevenlabs overrides and warns about unknown ones', async () => {
      fake = await harness.start();
      const result = await provider().doSynthesize(
        callOptions({
          brief: { topic: 'énergie solaire', language: 'fr-FR' },
          providerOptions: {
            elevenlabs: { modelId: 'eleven_flash_v2_5', seed: 42, voiceSettings: { speed: 0.9 }, stylePreset: 'loud' },
          },
        }),
      );
      for (const request of speechRequests()) {
        expect(request.body).to.deep.include({
          model_id: 'eleven_flash_v2_5',
          seed: 42,
          language_code: 'fr',
          voice_settings: { speed: 0.9 },
        });
      }
      expect(result.warnings).to.deep.include({
        type: 'unsupported-setting',
        setting: 'providerOptions.elevenlabs.stylePreset',
        details: 'supported: voiceId, voiceName, modelId, voiceSettings, seed',
      });
      expect(result.usage.costUsd).to.be.closeTo((result.usage.characters! / 1000) * 0.05, 1e-6);
    });

    it('rejects invalid providerOptions fatally, naming the field', async () => {
      fake = await harness.start();
      const error = await provider()
        .doSynthesize(callOptions({ providerOptions: { elevenlabs: { voiceSettings: { stability: 3 } } } }))
        .catch((caught: unknown) => caught);
      expect((error as ProviderError).retryable).to.equal(false);
      expect((error as Error).message)
        .to.include('providerOptions.elevenlabs')
        .and.include('voiceSettings.stability');
    });
  });
});
