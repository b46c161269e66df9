import { ProviderError, type Script } from '@looply/core';
import { expect } from 'chai';
import { makeBrief, temporaryArtifacts, type TestArtifacts } from './__fixtures__/fixtures.js';
import { createOpenAI } from './openai-provider.js';
import { matchHeardWords } from './openai-word-timestamps.js';
import {
  errorAnswer,
  fakeSpeechDurationSec,
  rateLimitAnswer,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from './testing/index.js';

const API_KEY = 'sk-test-words';

const script: Script = {
  title: 'Tides',
  language: 'en',
  scenes: [
    { narration: 'Twice a day, the ocean rises.', durationHintSec: 3, visual: { positive: 'sea', negative: '' } },
    { narration: 'The moon pulls it.', durationHintSec: 2, visual: { positive: 'moon', negative: '' } },
  ],
};

describe('OpenAIVoiceModel word timings from /v1/audio/transcriptions', () => {
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

  const call = () => ({
    script,
    brief: makeBrief({ durationSec: 5 }),
    abortSignal: new AbortController().signal,
    idempotencyKey: 'job-1:voice',
    artifacts: artifacts.store,
    artifactPrefix: 'jobs/job-1/voice',
  });
  const voice = (settings: Parameters<ReturnType<typeof createOpenAI>['voice']>[0] = {}) =>
    createOpenAI({ apiKey: API_KEY, baseURL: fake.baseURL }).voice(settings);

  it('sends each scene’s WAV for word timestamps (whisper-1, verbose_json, word granularity) with the same key', async () => {
    await voice().doSynthesize(call());
    const requests = fake.requestsTo('transcriptions');
    expect(requests).to.have.length(2);
    for (const request of requests) {
      expect(request.headers.authorization).to.equal(`Bearer ${API_KEY}`);
      expect(request.headers['content-type']).to.match(/^multipart\/form-data; boundary=/);
      expect(request.body).to.deep.include({
        model: 'whisper-1',
        response_format: 'verbose_json',
        'timestamp_granularities[]': ['word'],
      });
      expect((request.body as { file: { contentType: string; bytes: number } }).file).to.include({
        contentType: 'audio/wav',
      });
    }
    expect(requests.map((request) => request.headers['idempotency-key']).sort()).to.deep.equal([
      'job-1:voice:words-0',
      'job-1:voice:words-1',
    ]);
  });

  it('times every caption word from the heard words, offset to its scene, flagged exact', async () => {
    const { narration } = await voice().doSynthesize(call());
    expect(narration.wordTimingsExact).to.equal(true);
    expect(narration.words.map((word) => word.text)).to.deep.equal([
      'Twice',
      'a',
      'day,',
      'the',
      'ocean',
      'rises.',
      'The',
      'moon',
      'pulls',
      'it.',
    ]);
    // The fake hears 6 words spread over 0.1 s … duration − 0.15 s of the first clip.
    const first = fakeSpeechDurationSec(script.scenes[0].narration);
    const step = (first - 0.25) / 6;
    expect(narration.words[2].startSec).to.be.closeTo(0.1 + 2 * step, 0.006);
    expect(narration.words[6].startSec).to.be.closeTo(narration.scenes[1].startSec + 0.1, 0.006);
  });

  it('adds the transcription minutes to the cost: whisper-1 at $0.006 per minute', async () => {
    const { usage } = await voice().doSynthesize(call());
    const speech = (usage.audioSeconds! / 60) * 0.015;
    const heardSeconds = script.scenes.reduce(
      (sum, scene) => sum + Math.ceil(fakeSpeechDurationSec(scene.narration)),
      0,
    );
    expect(usage.costUsd).to.be.closeTo(speech + (heardSeconds / 60) * 0.006, 1e-6);
  });

  it('falls back to estimates with a warning when OpenAI refuses the request for good (a model without word timestamps)', async () => {
    const { narration, warnings } = await voice({ transcriptionModel: 'gpt-4o-transcribe' }).doSynthesize(call());
    expect(narration.wordTimingsExact).to.equal(false);
    expect(warnings.map((warning) => (warning as { message?: string }).message)).to.satisfy((messages: string[]) =>
      messages.some((message) =>
        /^Word timestamps for scene 0 failed \(.*verbose_json.*not compatible with model 'gpt-4o-transcribe'.*\); its word timings are estimated$/.test(
          message,
        ),
      ),
    );
  });

  it('fails the step with a retryable ProviderError on a rate limit, and reuses the paid speech when retried', async () => {
    fake.enqueue(
      'transcriptions',
      rateLimitAnswer({ retryAfterMs: 10 }),
      rateLimitAnswer({ retryAfterMs: 10 }),
      rateLimitAnswer({ retryAfterMs: 10 }),
      rateLimitAnswer({ retryAfterMs: 10 }),
      rateLimitAnswer({ retryAfterMs: 10 }),
      rateLimitAnswer({ retryAfterMs: 10 }),
    );
    let error: unknown;
    try {
      await voice().doSynthesize(call());
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ProviderError);
    expect(error).to.include({ retryable: true });
    const spoken = fake.requestsTo('speech').length;
    fake.reset();
    const { narration } = await voice().doSynthesize(call());
    expect(fake.requestsTo('speech')).to.have.length(0);
    expect(spoken).to.equal(2);
    expect(narration.wordTimingsExact).to.equal(true);
  });

  it('maps a 500 from the transcription endpoint to a retryable ProviderError', async () => {
    fake.enqueue(
      'transcriptions',
      ...Array.from({ length: 6 }, () =>
        errorAnswer(500, { message: 'The server had an error while processing your request.', type: 'server_error' }),
      ),
    );
    try {
      await voice().doSynthesize(call());
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect(error).to.include({ retryable: true });
    }
  });
});

describe('matchHeardWords', () => {
  it('matches caption words to heard words by spelling, leaving misheard or unheard ones undefined', () => {
    const heard = [
      { word: 'Twice', start: 0.1, end: 0.4 },
      { word: 'a', start: 0.4, end: 0.5 },
      { word: 'dey', start: 0.5, end: 0.8 },
      { word: 'the', start: 1.0, end: 1.1 },
    ];
    expect(matchHeardWords(['Twice', 'a', 'day,', '—', 'the'], heard)).to.deep.equal([
      { startSec: 0.1, endSec: 0.4 },
      { startSec: 0.4, endSec: 0.5 },
      undefined,
      undefined,
      { startSec: 1.0, endSec: 1.1 },
    ]);
  });
});
