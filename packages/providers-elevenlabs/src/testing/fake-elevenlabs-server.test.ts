import { expect } from 'chai';
import { pcmDurationSec, readWavInfo } from '../pcm-audio.js';
import { startFakeElevenLabsServer, type FakeElevenLabsServer } from './fake-elevenlabs-server.js';
import { fakeSpeechTiming } from './fake-speech-audio.js';

describe('fake ElevenLabs server', () => {
  let fake: FakeElevenLabsServer;
  beforeEach(async () => {
    fake = await startFakeElevenLabsServer({ characterLimit: 200 });
  });
  afterEach(() => fake.close());

  const speak = (body: unknown, { format = 'pcm_16000', voiceId = 'JBFqnCBsd6RMkjVDRZzb', key = fake.apiKey } = {}) =>
    fetch(`${fake.url}/v1/text-to-speech/${voiceId}/with-timestamps?output_format=${format}`, {
      method: 'POST',
      headers: { 'xi-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('answers one alignment entry per input character and PCM audio exactly as long as the alignment plus its tail', async () => {
    const response = await speak({ text: 'Hi  there, sun.' });
    expect(response.status).to.equal(200);
    expect(response.headers.get('character-cost')).to.equal('15');
    expect(response.headers.get('request-id')).to.match(/^[0-9a-f]{20}$/);
    const body = (await response.json()) as {
      audio_base64: string;
      alignment: { characters: string[]; character_end_times_seconds: number[] };
    };
    expect(body.alignment.characters.join('')).to.equal('Hi  there, sun.');
    const lastEnd = body.alignment.character_end_times_seconds.at(-1)!;
    expect(pcmDurationSec(Buffer.from(body.audio_base64, 'base64').length, 16_000)).to.be.closeTo(
      lastEnd + 0.15,
      1 / 16_000,
    );
  });

  it('honours wav_* output formats with a real WAV header', async () => {
    const response = await speak({ text: 'Hello.' }, { format: 'wav_22050' });
    const body = (await response.json()) as { audio_base64: string };
    const info = readWavInfo(Buffer.from(body.audio_base64, 'base64'));
    expect(info.sampleRate).to.equal(22_050);
    expect(info.durationSec).to.be.closeTo(fakeSpeechTiming('Hello.').durationMs / 1000, 1 / 22_050);
  });

  it('says plainly that it cannot encode mp3', async () => {
    const response = await speak({ text: 'Hello.' }, { format: 'mp3_44100_128' });
    expect(response.status).to.equal(400);
    expect(await response.text()).to.include('pcm_* and wav_* only');
  });

  it('slows the alignment down by voice_settings.speed', () => {
    expect(fakeSpeechTiming('abc', 0.8).alignment.character_end_times_seconds.at(-1)).to.be.greaterThan(
      fakeSpeechTiming('abc').alignment.character_end_times_seconds.at(-1)!,
    );
  });

  it('requires the xi-api-key header, like ElevenLabs', async () => {
    const response = await speak({ text: 'Hello.' }, { key: 'wrong' });
    expect(response.status).to.equal(401);
    expect(await response.json()).to.deep.equal({ detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
  });

  it('answers 404 voice_not_found, 422 validation detail and 400 max_character_limit_exceeded', async () => {
    expect((await speak({ text: 'x' }, { voiceId: 'nope' })).status).to.equal(404);
    const invalid = await speak({ model_id: 'eleven_multilingual_v2', voice_settings: { stability: 2 } });
    expect(invalid.status).to.equal(422);
    const issues = ((await invalid.json()) as { detail: Array<{ loc: string[] }> }).detail.map((issue) =>
      issue.loc.join('.'),
    );
    expect(issues).to.deep.equal(['body.text', 'body.voice_settings.stability']);
    const tooLong = await speak({ text: 'a'.repeat(201) });
    expect(tooLong.status).to.equal(400);
    expect(((await tooLong.json()) as { detail: { status: string } }).detail.status).to.equal(
      'max_character_limit_exceeded',
    );
  });

  it('lists voices and plays scripted answers only for the requests they match, then records everything', async () => {
    fake.respondNext({
      status: 503,
      body: { detail: 'busy' },
      match: (request) => (request.body as { text?: string }).text === 'second',
    });
    expect((await speak({ text: 'first' })).status).to.equal(200);
    expect((await speak({ text: 'second' })).status).to.equal(503);
    const voices = await fetch(`${fake.url}/v1/voices`, { headers: { 'xi-api-key': fake.apiKey } });
    expect(((await voices.json()) as { voices: Array<{ name: string }> }).voices.map((voice) => voice.name)).to.include(
      'George',
    );
    expect(fake.requests.map((request) => [request.method, request.path, request.status])).to.deep.equal([
      ['POST', '/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/with-timestamps', 200],
      ['POST', '/v1/text-to-speech/JBFqnCBsd6RMkjVDRZzb/with-timestamps', 503],
      ['GET', '/v1/voices', 200],
    ]);
    fake.reset();
    expect(fake.requests).to.deep.equal([]);
  });

  it('answers 429 too_many_concurrent_requests above its concurrency limit', async () => {
    await fake.close();
    fake = await startFakeElevenLabsServer({ maxConcurrentRequests: 1, responseDelayMs: 1_000 });
    const statuses = await Promise.all(
      [speak({ text: 'one' }), speak({ text: 'two' })].map(async (response) => (await response).status),
    );
    expect(statuses.sort()).to.deep.equal([200, 429]);
    expect(fake.peakConcurrentRequests).to.equal(2);
  });
});
