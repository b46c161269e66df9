import { audioDurationSec, decodeWav, narrationSchema, ProviderError, type Script } from '@looply/core';
import { expect } from 'chai';
import { makeBrief, temporaryArtifacts, type TestArtifacts } from './__fixtures__/fixtures.js';
import { createOpenAI } from './openai-provider.js';
import {
  fakeSpeechDurationSec,
  fakeSpeechWav,
  rateLimitAnswer,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from './testing/index.js';

const API_KEY = 'sk-test-voice';

const script: Script = {
  title: 'Sunlight Into Power',
  language: 'en',
  scenes: [
    {
      narration: 'Sunlight hits a solar panel and becomes clean electricity.',
      durationHintSec: 4,
      visual: { positive: 'panels', negative: '' },
    },
    { narration: 'It is quiet, cheap and endless.', durationHintSec: 3, visual: { positive: 'house', negative: '' } },
    {
      narration: 'Why not let the sun pay your bills?',
      durationHintSec: 3,
      visual: { positive: 'bill', negative: '' },
    },
  ],
};

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('OpenAIVoiceModel', () => {
  let fake: FakeOpenAIServer;
  let artifacts: TestArtifacts;

  before(async () => {
    fake = await startFakeOpenAIServer({ apiKey: API_KEY });
  });
  after(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    artifacts = await temporaryArtifacts();
  });
  afterEach(() => artifacts.cleanup());

  const call = (
    overrides: Partial<{
      voice: string;
      briefVoice: string;
      idempotencyKey: string;
      providerOptions: Record<string, Record<string, unknown>>;
    }> = {},
  ) => ({
    script,
    brief: makeBrief({ durationSec: 10, voice: overrides.briefVoice }),
    voice: overrides.voice,
    abortSignal: new AbortController().signal,
    idempotencyKey: overrides.idempotencyKey ?? 'job-1:voice',
    artifacts: artifacts.store,
    artifactPrefix: 'jobs/job-1/voice',
    providerOptions: overrides.providerOptions,
  });
  const voice = (settings: Parameters<ReturnType<typeof createOpenAI>['voice']>[0] = {}) =>
    createOpenAI({ apiKey: API_KEY, baseURL: fake.baseURL }).voice(settings);

  it('synthesises each scene as WAV with gpt-4o-mini-tts and alloy by default, one idempotency key per scene', async () => {
    await voice().doSynthesize(call({ idempotencyKey: 'job-9:voice' }));
    const requests = fake.requestsTo('speech');
    expect(requests).to.have.length(3);
    const byInput = new Map(requests.map((request) => [(request.body as { input: string }).input, request]));
    for (const [index, scene] of script.scenes.entries()) {
      const request = byInput.get(scene.narration)!;
      expect(request.url).to.equal('/v1/audio/speech');
      expect(request.headers.authorization).to.equal(`Bearer ${API_KEY}`);
      expect(request.headers['idempotency-key']).to.equal(`job-9:voice:scene-${index}`);
      const body = request.body as Record<string, unknown>;
      expect(body).to.include({ model: 'gpt-4o-mini-tts', voice: 'alloy', response_format: 'wav' });
      expect(body.instructions).to.match(/English.*enthusiastic tone/);
    }
  });

  it('measures exact scene boundaries from the audio and joins the scenes with pauses', async () => {
    const result = await voice({ pauseMs: 250 }).doSynthesize(call());
    const { narration } = result;
    expect(narrationSchema.safeParse(narration).success).to.equal(true);
    const clipSec = script.scenes.map((scene) => fakeSpeechDurationSec(scene.narration));
    const expectedTotal = clipSec.reduce((sum, value) => sum + value, 0) + 0.25 * 2;
    expect(narration.durationSec).to.be.closeTo(expectedTotal, 0.001);
    expect(narration.scenes[0]).to.deep.equal({ startSec: 0, endSec: Math.round((clipSec[0] + 0.25) * 1000) / 1000 });
    expect(narration.scenes[1].startSec).to.equal(narration.scenes[0].endSec);
    expect(narration.scenes[2].endSec).to.equal(narration.durationSec);

    const stored = decodeWav(await artifacts.store.get(narration.audio.key));
    expect(narration.audio).to.include({ key: 'jobs/job-1/voice/narration.wav', contentType: 'audio/wav' });
    expect(audioDurationSec(stored)).to.be.closeTo(narration.durationSec, 0.001);
    expect((await artifacts.store.get(narration.audio.key)).readUInt32LE(40)).to.equal(stored.samples.length * 2);
  });

  it('estimates word timings inside each scene, after its leading silence, flagged as estimates (wordTimings: estimate)', async () => {
    const { narration } = await voice({ wordTimings: 'estimate' }).doSynthesize(call());
    expect(fake.requestsTo('transcriptions')).to.have.length(0);
    expect(narration.wordTimingsExact).to.equal(false);
    const words = script.scenes.flatMap((scene) => scene.narration.split(' '));
    expect(narration.words.map((word) => word.text)).to.deep.equal(words);
    for (const word of narration.words) {
      const scene = narration.scenes[word.sceneIndex];
      expect(word.startSec).to.be.at.least(scene.startSec);
      expect(word.endSec).to.be.at.most(scene.endSec);
      expect(word.endSec).to.be.greaterThan(word.startSec);
    }
    // The fake voice starts speaking after 0.1 s of silence.
    expect(narration.words[0].startSec).to.be.closeTo(0.1, 0.02);
  });

  it('reports characters, audio seconds and the per-minute cost of gpt-4o-mini-tts', async () => {
    const { usage, narration } = await voice({ wordTimings: 'estimate' }).doSynthesize(call());
    const characters = script.scenes.reduce((sum, scene) => sum + scene.narration.length, 0);
    expect(usage.characters).to.equal(characters);
    expect(usage.audioSeconds).to.equal(narration.durationSec);
    expect(usage.costUsd).to.be.closeTo((narration.durationSec / 60) * 0.015, 1e-6);
  });

  it('prices tts-1 per character and sends it no instructions', async () => {
    const { usage, warnings } = await voice({
      model: 'tts-1',
      instructions: 'whisper',
      wordTimings: 'estimate',
    }).doSynthesize(call());
    for (const request of fake.requestsTo('speech')) expect(request.body).to.not.have.property('instructions');
    expect(warnings).to.deep.include({
      type: 'unsupported-setting',
      setting: 'instructions',
      details: 'tts-1 does not take instructions',
    });
    expect(usage.costUsd).to.be.closeTo((usage.characters! * 15) / 1e6, 1e-6);
  });

  it("uses the brief's voice when OpenAI has it, the call's voice first, and warns about unknown ones", async () => {
    await voice().doSynthesize(call({ briefVoice: 'Nova' }));
    expect((fake.requestsTo('speech')[0].body as { voice: string }).voice).to.equal('nova');
    fake.reset();
    await voice().doSynthesize(call({ voice: 'coral', briefVoice: 'nova' }));
    expect((fake.requestsTo('speech')[0].body as { voice: string }).voice).to.equal('coral');
    fake.reset();
    const { warnings } = await voice({ voice: 'sage' }).doSynthesize(call({ briefVoice: 'Rachel' }));
    expect((fake.requestsTo('speech')[0].body as { voice: string }).voice).to.equal('sage');
    expect(warnings[0]).to.include({ type: 'unsupported-setting', setting: 'voice' });
    expect((warnings[0] as { details: string }).details).to.include('"Rachel" is not an OpenAI voice');
  });

  it('sends a custom voice id as { id }', async () => {
    await voice().doSynthesize(call({ briefVoice: 'voice_1234abcd' }));
    expect((fake.requestsTo('speech')[0].body as { voice: unknown }).voice).to.deep.equal({ id: 'voice_1234abcd' });
  });

  it('reuses scenes already synthesised when the step is retried after a failure', async () => {
    fake.enqueue(
      'speech',
      { body: fakeSpeechWav(script.scenes[0].narration), contentType: 'audio/wav' },
      rateLimitAnswer({ retryAfterMs: 10 }),
    );
    const model = voice({ concurrency: 1 });
    const error = await rejection(model.doSynthesize(call()));
    expect(error).to.be.instanceOf(ProviderError);
    expect((error as ProviderError).retryable).to.equal(true);
    expect(fake.requestsTo('speech')).to.have.length(2);

    fake.reset();
    const result = await model.doSynthesize(call());
    const inputs = fake.requestsTo('speech').map((request) => (request.body as { input: string }).input);
    expect(inputs).to.deep.equal([script.scenes[1].narration, script.scenes[2].narration]);
    expect(result.narration.scenes).to.have.length(3);
  });

  it('fails clearly when OpenAI answers something that is not WAV', async () => {
    fake.enqueue('speech', { body: Buffer.from('ID3\u0004fake mp3 bytes'), contentType: 'audio/mpeg' });
    const error = await rejection(voice({ concurrency: 1 }).doSynthesize(call()));
    expect(error).to.be.instanceOf(ProviderError);
    expect(error.message).to.match(/scene 0: not a RIFF\/WAVE file/);
    expect((error as ProviderError).retryable).to.equal(false);
  });

  it('rejects bad settings at construction, naming the field', () => {
    expect(() => voice({ speed: 9 })).to.throw(/voice settings.*speed/);
    expect(() => createOpenAI({ voice: { pause: 3 } as never })).to.throw(/createOpenAI settings/);
  });
});
