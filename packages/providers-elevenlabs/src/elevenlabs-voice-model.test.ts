import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortedError,
  briefSchema,
  LocalArtifactStore,
  narrationSchema,
  ProviderError,
  type BriefInput,
  type Script,
  type VoiceCallOptionsV1,
  type WordTiming,
} from '@looply/core';
import { expect } from 'chai';
import { createElevenLabs } from './elevenlabs-provider.js';
import type { ElevenLabsSettings } from './elevenlabs-options.js';
import { readWavInfo } from './pcm-audio.js';
import {
  startFakeElevenLabsServer,
  type FakeElevenLabsServer,
  type RecordedElevenLabsRequest,
} from './testing/fake-elevenlabs-server.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

const SCENES = [
  'Solar power is booming, everywhere!',
  'Panels turn light into electricity. Cheap and clean.',
  'Tomorrow, your roof could run your home.',
];

function scriptOf(narrations: string[], language = 'en'): Script {
  return {
    title: 'Solar power',
    language,
    scenes: narrations.map((narration, index) => ({
      narration,
      durationHintSec: 3,
      visual: { positive: `scene ${index}`, negative: '' },
    })),
  };
}

const ENVIRONMENT = [
  'ELEVENLABS_API_KEY',
  'ELEVENLABS_BASE_URL',
  'ELEVENLABS_VOICE_ID',
  'ELEVENLABS_MODEL_ID',
] as const;

describe('ElevenLabs voice provider (against a local fake ElevenLabs)', function () {
  let fake: FakeElevenLabsServer;
  let folder: string;
  let artifacts: LocalArtifactStore;
  const savedEnvironment: Record<string, string | undefined> = {};

  before(() => {
    for (const name of ENVIRONMENT) savedEnvironment[name] = process.env[name];
  });

  beforeEach(async () => {
    for (const name of ENVIRONMENT) delete process.env[name];
    folder = await mkdtemp(join(tmpdir(), 'looply-elevenlabs-'));
    artifacts = new LocalArtifactStore(folder);
  });

  afterEach(async () => {
    await fake?.close();
    await rm(folder, { recursive: true, force: true });
  });

  after(() => {
    for (const name of ENVIRONMENT) {
      if (savedEnvironment[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnvironment[name];
    }
  });

  const provider = (settings: ElevenLabsSettings = {}) =>
    createElevenLabs({ apiKey: fake.apiKey, baseURL: fake.url, voiceId: 'JBFqnCBsd6RMkjVDRZzb', ...settings }).voice();

  function callOptions(
    overrides: Omit<Partial<VoiceCallOptionsV1>, 'brief'> & { narrations?: string[]; brief?: BriefInput } = {},
  ): VoiceCallOptionsV1 {
    const { narrations = SCENES, brief, ...rest } = overrides;
    return {
      abortSignal: new AbortController().signal,
      idempotencyKey: 'job-1:voice',
      artifacts,
      artifactPrefix: 'jobs/job-1/voice',
      brief: briefSchema.parse({ topic: 'solar power', ...brief }),
      script: scriptOf(narrations, brief?.language),
      ...rest,
    };
  }

  const speechRequests = () => fake.requests.filter((request) => request.path.includes('/text-to-speech/'));
  const successfulSpeech = () => speechRequests().filter((request) => request.status === 200);
  const textOf = (request: RecordedElevenLabsRequest) => (request.body as { text: string }).text;

  /** Independent expectation: words of each answered clip, offset by the audio of the clips before it. */
  function expectedWords(narrationsInOrder: string[][]): WordTiming[] {
    const answers = new Map(successfulSpeech().map((request) => [textOf(request), request.speech!]));
    const words: WordTiming[] = [];
    let offset = 0;
    narrationsInOrder.forEach((clips, sceneIndex) => {
      for (const text of clips) {
        const answer = answers.get(text);
        if (!answer) throw new Error(`no answer recorded for "${text}"`);
        const {
          characters,
          character_start_times_seconds: starts,
          character_end_times_seconds: ends,
        } = answer.alignment;
        let current: WordTiming | undefined;
        characters.forEach((character, index) => {
          if (/\s/.test(character)) {
            current = undefined;
            return;
          }
          if (!current) {
            current = { text: '', startSec: offset + starts[index], endSec: 0, sceneIndex };
            words.push(current);
          }
          current.text += character;
          current.endSec = offset + ends[index];
        });
        offset += answer.durationSec;
      }
    });
    return words;
  }

  function expectCloseWords(actual: WordTiming[], expected: WordTiming[]) {
    expect(actual.map((word) => [word.text, word.sceneIndex])).to.deep.equal(
      expected.map((word) => [word.text, word.sceneIndex]),
    );
    actual.forEach((word, index) => {
      expect(word.startSec, `start of "${word.text}"`).to.be.closeTo(expected[index].startSec, 1e-5);
      expect(word.endSec, `end of "${word.text}"`).to.be.closeTo(expected[index].endSec, 1e-5);
    });
  }

  describe('a successful narration', () => {
    it('sends one with-timestamps request per scene with the key, voice, model, settings and a PCM output format', async () => {
      fake = await startFakeElevenLabsServer();
      await provider({
        voiceSettings: { stability: 0.4, similarity_boost: 0.8, style: 0.1, use_speaker_boost: true, speed: 1.1 },
      }).doSynthesize(callOptions());

      const requests = speechRequests();
      expect(requests).to.have.length(3);
      for (const request of requests) {
        expect(request.method).to.equal('POST');
        expect(request.path).to.equal('/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/with-timestamps');
        expect(request.query).to.deep.equal({ output_format: 'pcm_24000' });
        expect(request.headers['xi-api-key']).to.equal(fake.apiKey);
        expect(request.headers['content-type']).to.match(/^application\/json/);
      }
      const byText = new Map(requests.map((request) => [textOf(request), request.body as Record<string, unknown>]));
      expect([...byText.keys()].sort()).to.deep.equal([...SCENES].sort());
      expect(byText.get(SCENES[1])).to.deep.equal({
        text: SCENES[1],
        model_id: 'eleven_multilingual_v2',
        voice_settings: { stability: 0.4, similarity_boost: 0.8, style: 0.1, use_speaker_boost: true, speed: 1.1 },
        previous_text: SCENES[0],
        next_text: SCENES[2],
      });
      expect(byText.get(SCENES[0])).to.not.have.property('previous_text');
      expect(byText.get(SCENES[2])).to.not.have.property('next_text');
      expect(byText.get(SCENES[0])).to.not.have.property('language_code');
    });

    it('stores one WAV narration whose measured length is the sum of the clips, with scenes meeting where the clips meet', async () => {
      fake = await startFakeElevenLabsServer();
      const { narration } = await provider().doSynthesize(callOptions());

      expect(() => narrationSchema.parse(narration)).to.not.throw();
      expect(narration.audio).to.deep.include({ key: 'jobs/job-1/voice/narration.wav', contentType: 'audio/wav' });
      const wav = readWavInfo(await artifacts.get(narration.audio.key));
      expect(wav).to.deep.include({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 });
      expect(wav.durationSec).to.be.closeTo(narration.durationSec, 1e-9);

      const durations = SCENES.map(
        (text) => successfulSpeech().find((request) => textOf(request) === text)!.speech!.durationSec,
      );
      expect(narration.durationSec).to.be.closeTo(durations[0] + durations[1] + durations[2], 1e-9);
      expect(narration.scenes).to.have.length(3);
      expect(narration.scenes[0].startSec).to.equal(0);
      expect(narration.scenes[0].endSec).to.be.closeTo(durations[0], 1e-9);
      expect(narration.scenes[1].startSec).to.equal(narration.scenes[0].endSec);
      expect(narration.scenes[2].startSec).to.equal(narration.scenes[1].endSec);
      expect(narration.scenes[2].endSec).to.equal(narration.durationSec);
    });

    it('times every word from the character alignment, offset by the audio before its clip', async () => {
      fake = await startFakeElevenLabsServer();
      const { narration } = await provider().doSynthesize(callOptions());

      expect(narration.wordTimingsExact).to.equal(true);
      expect(narration.words.map((word) => word.text).join(' ')).to.equal(SCENES.join(' '));
      expectCloseWords(narration.words, expectedWords(SCENES.map((text) => [text])));
      // The fake's audio runs past the last character: scene 2 must start after that tail, not at the last word's end.
      expect(narration.words.find((word) => word.sceneIndex === 1)!.startSec).to.equal(narration.scenes[1].startSec);
      expect(narration.scenes[1].startSec).to.be.greaterThan(
        narration.words.filter((word) => word.sceneIndex === 0).at(-1)!.endSec,
      );
    });

    it('reports the billed characters from the character-cost header, the audio length and a cost estimate', async () => {
      fake = await startFakeElevenLabsServer();
      const { usage, narration } = await provider().doSynthesize(callOptions());
      const billed = successfulSpeech().reduce((sum, request) => sum + request.speech!.characterCost, 0);
      expect(usage.characters).to.equal(billed);
      expect(usage.audioSeconds).to.equal(narration.durationSec);
      expect(usage.costUsd).to.be.closeTo((billed / 1000) * 0.1, 1e-6);

      const priced = await provider({ pricePerThousandCharacters: 0.3 }).doSynthesize(
        callOptions({ artifactPrefix: 'jobs/job-2/voice' }),
      );
      expect(priced.usage.costUsd).to.be.closeTo((billed / 1000) * 0.3, 1e-6);
    });

    it('falls back to the text length when the character-cost header is missing', async () => {
      fake = await startFakeElevenLabsServer();
      fake.respondNext({ status: 200, body: fixture('speech-with-timestamps-response.json') });
      const { usage } = await provider({ outputFormat: 'pcm_16000' }).doSynthesize(
        callOptions({ narrations: ['Hello, solar world.'] }),
      );
      expect(usage.characters).to.equal('Hello, solar world.'.length);
    });

    it('reads a captured ElevenLabs response: words from its alignment, length from its PCM', async () => {
      fake = await startFakeElevenLabsServer();
      fake.respondNext({
        status: 200,
        body: fixture('speech-with-timestamps-response.json'),
        headers: { 'character-cost': '19', 'request-id': 'pNInz6obpgDQGcFmaJgB' },
      });
      const { narration, usage } = await provider({ outputFormat: 'pcm_16000' }).doSynthesize(
        callOptions({ narrations: ['Hello, solar world.'] }),
      );
      expect(narration.durationSec).to.equal(1.486);
      expect(narration.words).to.deep.equal([
        { text: 'Hello,', startSec: 0, endSec: 0.395, sceneIndex: 0 },
        { text: 'solar', startSec: 0.441, endSec: 0.743, sceneIndex: 0 },
        { text: 'world.', startSec: 0.801, endSec: 1.254, sceneIndex: 0 },
      ]);
      expect(usage.characters).to.equal(19);
    });

    it('honours the output format: the WAV carries the requested sample rate', async () => {
      fake = await startFakeElevenLabsServer();
      const { narration } = await provider({ outputFormat: 'pcm_44100' }).doSynthesize(callOptions());
      expect(speechRequests().every((request) => request.query.output_format === 'pcm_44100')).to.equal(true);
      const wav = readWavInfo(await artifacts.get(narration.audio.key));
      expect(wav.sampleRate).to.equal(44_100);
      expect(wav.durationSec).to.be.closeTo(narration.durationSec, 1e-9);
    });
  });

  describe('long narrations', () => {
    it('splits a scene over the character limit at sentence boundaries and stitches the clips with exact timings', async () => {
      fake = await startFakeElevenLabsServer({ characterLimit: 60 });
      const long =
        'The sun rises over the valley. Panels wake up and start to hum. Batteries fill by noon. Evening comes, and the lights stay on.';
      const narrations = ['A short opening line.', long];
      const { narration } = await provider({ maxCharactersPerRequest: 60 }).doSynthesize(callOptions({ narrations }));

      const texts = speechRequests().map(textOf);
      expect(texts.every((text) => text.length <= 60)).to.equal(true);
      expect(texts).to.have.length.greaterThan(2);
      const longClips = texts.filter((text) => long.includes(text)).sort((a, b) => long.indexOf(a) - long.indexOf(b));
      expect(longClips.join(' ')).to.equal(long);
      for (const clip of longClips) expect(clip).to.match(/[.!?]$/);

      const second = speechRequests().find((request) => textOf(request) === longClips[1])!.body as Record<
        string,
        string
      >;
      expect(second.previous_text.endsWith(longClips[0])).to.equal(true);
      expect(second.next_text.startsWith(longClips[2])).to.equal(true);

      expectCloseWords(narration.words, expectedWords([[narrations[0]], longClips]));
      expect(narration.scenes[1].startSec).to.be.greaterThan(0);
      expect(narration.scenes[1].endSec).to.equal(narration.durationSec);
    });

    it('defaults the limit to the model: a 3,000-character scene is one request on multilingual v2', async () => {
      fake = await startFakeElevenLabsServer();
      const scene = Array.from({ length: 100 }, (_, index) => `Sentence ${index} about clean power.`).join(' ');
      expect(scene.length).to.be.greaterThan(3000);
      await provider().doSynthesize(callOptions({ narrations: [scene] }));
      expect(speechRequests()).to.have.length(1);
      fake.requests.length = 0;
      await provider({ modelId: 'eleven_v3' }).doSynthesize(
        callOptions({ narrations: [scene], artifactPrefix: 'jobs/job-3/voice' }),
      );
      expect(speechRequests()).to.have.length(2);
    });
  });

  describe('voices', () => {
    it('resolves a voice name once per provider instance through GET /v1/voices', async () => {
      fake = await startFakeElevenLabsServer({
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
      fake = await startFakeElevenLabsServer({
        voices: (fixture('voices-response.json') as { voices: never[] }).voices,
      });
      await provider().doSynthesize(callOptions({ brief: { topic: 'solar', voice: 'Sarah' } }));
      expect(speechRequests()[0].path).to.equal('/v1/text-to-speech/EXAVITQu4vr4xnSDxMaL/with-timestamps');
    });

    it('uses a voice id directly, without listing voices', async () => {
      fake = await startFakeElevenLabsServer();
      await provider().doSynthesize(callOptions({ voice: '21m00Tcm4TlvDq8ikWAM' }));
      expect(fake.requests.some((request) => request.path === '/v1/voices')).to.equal(false);
      expect(speechRequests()[0].path).to.equal('/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM/with-timestamps');
    });

    it('fails fatally on an unknown voice name, naming it and listing available names, before any paid request', async () => {
      fake = await startFakeElevenLabsServer();
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
      fake = await startFakeElevenLabsServer();
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
      fake = await startFakeElevenLabsServer();
      const voice = createElevenLabs({ voiceId: 'JBFqnCBsd6RMkjVDRZzb' }).voice();
      process.env.ELEVENLABS_API_KEY = fake.apiKey;
      process.env.ELEVENLABS_BASE_URL = `${fake.url}/v1/`;
      await voice.doSynthesize(callOptions());
      expect(successfulSpeech()).to.have.length(3);
    });

    it('fails fatally without an API key, naming the variable, before any request', async () => {
      fake = await startFakeElevenLabsServer();
      const error = await createElevenLabs({ baseURL: fake.url })
        .voice()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught);
      expect((error as ProviderError).retryable).to.equal(false);
      expect((error as Error).message).to.include('ELEVENLABS_API_KEY');
      expect(fake.requests).to.have.length(0);
    });

    it('applies providerOptions.elevenlabs overrides and warns about unknown ones', async () => {
      fake = await startFakeElevenLabsServer();
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
      fake = await startFakeElevenLabsServer();
      const error = await provider()
        .doSynthesize(callOptions({ providerOptions: { elevenlabs: { voiceSettings: { stability: 3 } } } }))
        .catch((caught: unknown) => caught);
      expect((error as ProviderError).retryable).to.equal(false);
      expect((error as Error).message)
        .to.include('providerOptions.elevenlabs')
        .and.include('voiceSettings.stability');
    });
  });

  describe('vendor errors', () => {
    it('fails fatally within one request on a wrong key, naming ElevenLabs (the SDK does not retry)', async () => {
      fake = await startFakeElevenLabsServer({ apiKey: 'the-right-key' });
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
      fake = await startFakeElevenLabsServer();
      fake.respondNext({ status: 401, body: fixture('quota-exceeded.json') }, 3);
      const error = (await provider()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(false);
      expect(error.code).to.equal('quota_exceeded');
      expect(error.message).to.include('credits are required');
    });

    it('names the voice on 404 voice_not_found', async () => {
      fake = await startFakeElevenLabsServer();
      const error = (await provider({ voiceId: 'Xb7hH8MSUJpSbSDYk0k2' })
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(false);
      expect(error.statusCode).to.equal(404);
      expect(error.message).to.include('"Xb7hH8MSUJpSbSDYk0k2"');
    });

    it('shows the 422 validation detail', async () => {
      fake = await startFakeElevenLabsServer();
      fake.respondNext({ status: 422, body: fixture('validation-error.json') }, 3);
      const error = (await provider()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(false);
      expect(error.message).to.include('body.text: Field required');
    });

    it('makes 429 retryable with the Retry-After wait, or a default one when ElevenLabs sends none', async () => {
      fake = await startFakeElevenLabsServer();
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
      fake = await startFakeElevenLabsServer();
      fake.respondNext({ status: 500, body: fixture('internal-server-error.json') });
      const error = (await provider({ maxConcurrency: 1 })
        .doSynthesize(callOptions({ narrations: [SCENES[0]] }))
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(true);
      expect(error.statusCode).to.equal(500);
      expect(speechRequests()).to.have.length(1);
    });

    it('makes an unreachable ElevenLabs retryable', async () => {
      fake = await startFakeElevenLabsServer();
      const closedUrl = fake.url;
      await fake.close();
      const error = (await createElevenLabs({ apiKey: 'key', baseURL: closedUrl, voiceId: 'JBFqnCBsd6RMkjVDRZzb' })
        .voice()
        .doSynthesize(callOptions())
        .catch((caught: unknown) => caught)) as ProviderError;
      expect(error.retryable).to.equal(true);
      expect(error.message).to.include('Could not reach ElevenLabs');
      fake = await startFakeElevenLabsServer();
    });
  });

  describe('concurrency, retries and cancellation', () => {
    it('keeps requests within maxConcurrency, so a plan limit of 2 never answers 429', async () => {
      fake = await startFakeElevenLabsServer({ maxConcurrentRequests: 2, responseDelayMs: 40 });
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
      fake = await startFakeElevenLabsServer();
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
      fake = await startFakeElevenLabsServer();
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
      fake = await startFakeElevenLabsServer({ responseDelayMs: 30_000, onRequest: () => controller.abort() });
      const error = await provider({ maxConcurrency: 1 })
        .doSynthesize(callOptions({ abortSignal: controller.signal }))
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(AbortedError);
      expect(speechRequests()).to.have.length(1);
      expect(speechRequests()[0].status, 'the fake has not answered yet').to.equal(0);
      expect(await artifacts.exists('jobs/job-1/voice/narration.wav')).to.equal(false);
    });
  });

  describe('missing alignments', () => {
    it('uses the normalized alignment when the original one is missing, and warns', async () => {
      fake = await startFakeElevenLabsServer();
      const captured = fixture('speech-with-timestamps-response.json') as Record<string, unknown>;
      fake.respondNext({ status: 200, body: { ...captured, alignment: null } });
      const { narration, warnings } = await provider({ outputFormat: 'pcm_16000' }).doSynthesize(
        callOptions({ narrations: ['Hello, solar world.'] }),
      );
      expect(narration.wordTimingsExact).to.equal(true);
      expect(narration.words.map((word) => word.text)).to.deep.equal(['Hello,', 'solar', 'world.']);
      expect(
        warnings.some((warning) => warning.type === 'other' && warning.message.includes('normalized alignment')),
      ).to.equal(true);
    });

    it('estimates word timings when ElevenLabs sends no alignment at all', async () => {
      fake = await startFakeElevenLabsServer();
      const captured = fixture('speech-with-timestamps-response.json') as Record<string, unknown>;
      fake.respondNext({ status: 200, body: { audio_base64: captured.audio_base64 } });
      const { narration } = await provider({ outputFormat: 'pcm_16000' }).doSynthesize(
        callOptions({ narrations: ['Hello, solar world.'] }),
      );
      expect(narration.wordTimingsExact).to.equal(false);
      expect(narration.words.map((word) => word.text)).to.deep.equal(['Hello,', 'solar', 'world.']);
      expect(narration.words.at(-1)!.endSec).to.be.closeTo(narration.durationSec, 1e-6);
    });
  });
});
