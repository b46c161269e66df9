import { narrationSchema } from '@looply/core';
import { expect } from 'chai';
import { useVoiceModelHarness, fixture, SCENES } from './__fixtures__/voice-model-harness.js';
import { readWavInfo } from './pcm-audio.js';
import type { FakeElevenLabsServer } from './testing/fake-elevenlabs-server.js';

describe('ElevenLabs voice provider (against a local fake ElevenLabs)', function () {
  const harness = useVoiceModelHarness();
  const { provider, callOptions, speechRequests, successfulSpeech, textOf, expectedWords, expectCloseWords } = harness;
  let fake: FakeElevenLabsServer;

  describe('a successful narration', () => {
    it('sends one with-timestamps request per scene with the key, voice, model, settings and a PCM output format', async () => {
      fake = await harness.start();
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
      fake = await harness.start();
      const { narration } = await provider().doSynthesize(callOptions());

      expect(() => narrationSchema.parse(narration)).to.not.throw();
      expect(narration.audio).to.deep.include({ key: 'jobs/job-1/voice/narration.wav', contentType: 'audio/wav' });
      const wav = readWavInfo(await harness.artifacts.get(narration.audio.key));
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
      fake = await harness.start();
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
      fake = await harness.start();
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
      fake = await harness.start();
      fake.respondNext({ status: 200, body: fixture('speech-with-timestamps-response.json') });
      const { usage } = await provider({ outputFormat: 'pcm_16000' }).doSynthesize(
        callOptions({ narrations: ['Hello, solar world.'] }),
      );
      expect(usage.characters).to.equal('Hello, solar world.'.length);
    });

    it('reads a captured ElevenLabs response: words from its alignment, length from its PCM', async () => {
      fake = await harness.start();
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
      fake = await harness.start();
      const { narration } = await provider({ outputFormat: 'pcm_44100' }).doSynthesize(callOptions());
      expect(speechRequests().every((request) => request.query.output_format === 'pcm_44100')).to.equal(true);
      const wav = readWavInfo(await harness.artifacts.get(narration.audio.key));
      expect(wav.sampleRate).to.equal(44_100);
      expect(wav.durationSec).to.be.closeTo(narration.durationSec, 1e-9);
    });
  });

  describe('long narrations', () => {
    it('splits a scene over the character limit at sentence boundaries and stitches the clips with exact timings', async () => {
      fake = await harness.start({ characterLimit: 60 });
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
      fake = await harness.start();
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

  describe('missing alignments', () => {
    it('uses the normalized alignment when the original one is missing, and warns', async () => {
      fake = await harness.start();
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
      fake = await harness.start();
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
