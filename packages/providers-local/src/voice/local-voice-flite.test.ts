import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  briefSchema,
  decodeWav,
  LocalArtifactStore,
  narrationSchema,
  type BriefInput,
  type Script,
} from '@looply/core';
import { expect } from 'chai';
import { createLocalVoiceProvider } from './local-voice-provider.js';
import { splitSpokenWords } from './word-timing-estimate.js';

const visual = { positive: 'a lighthouse at dusk', negative: 'blurry' };

const ENGLISH: Script = {
  title: 'Lighthouses',
  language: 'en',
  scenes: [
    {
      narration: 'Lighthouses guided sailors for centuries. Each one flashes its own pattern.',
      durationHintSec: 5,
      visual,
    },
    { narration: 'Today, most of them run on their own, in 2024 and beyond!', durationHintSec: 4, visual },
  ],
};

function peak(samples: Int16Array): number {
  let highest = 0;
  for (const sample of samples) highest = Math.max(highest, Math.abs(sample));
  return highest;
}

describe('the local voice provider with Flite (English)', function () {
  this.timeout(60_000);
  let root: string;
  let store: LocalArtifactStore;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-flite-voice-'));
    store = new LocalArtifactStore(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  function synthesize(
    script: Script,
    brief: Partial<BriefInput> = {},
    extra: { voice?: string; prefix: string; fitToDuration?: boolean; signal?: AbortSignal },
  ) {
    return createLocalVoiceProvider({ fitToDuration: extra.fitToDuration }).doSynthesize({
      script,
      brief: briefSchema.parse({ topic: script.title, language: script.language, durationSec: 9, ...brief }),
      voice: extra.voice,
      abortSignal: extra.signal ?? new AbortController().signal,
      idempotencyKey: 'job-1:voice',
      artifacts: store,
      artifactPrefix: extra.prefix,
    });
  }

  it('voices English with Flite by default, every caption word timed from the synthesiser (exact)', async () => {
    const { narration, warnings } = await synthesize(ENGLISH, {}, { prefix: 'flite/default' });
    expect(warnings).to.deep.equal([]);
    expect(() => narrationSchema.parse(narration)).not.to.throw();
    expect(narration.wordTimingsExact).to.equal(true);
    const expected = ENGLISH.scenes.flatMap((scene) => splitSpokenWords(scene.narration).map((word) => word.text));
    expect(narration.words.map((word) => word.text)).to.deep.equal(expected);
    for (const [index, word] of narration.words.entries()) {
      const scene = narration.scenes[word.sceneIndex];
      expect(word.startSec, word.text).to.be.at.least(scene.startSec);
      expect(word.endSec, word.text).to.be.at.most(scene.endSec + 1e-9);
      expect(word.endSec, word.text).to.be.greaterThan(word.startSec);
      if (index > 0) expect(word.startSec, word.text).to.be.at.least(narration.words[index - 1].endSec);
    }
    // The number is said as three words ("twenty twenty four"): the caption word lasts for all of them.
    const year = narration.words.find((word) => word.text === '2024')!;
    expect(year.endSec - year.startSec).to.be.greaterThan(0.6);
  });

  it('starts a word after a pause exactly where its sound starts: silence before, speech after', async () => {
    const { narration } = await synthesize(ENGLISH, {}, { prefix: 'flite/onsets' });
    const audio = decodeWav(await store.get(narration.audio.key));
    const window = (fromSec: number, toSec: number) =>
      audio.samples.subarray(Math.round(fromSec * audio.sampleRate), Math.round(toSec * audio.sampleRate));
    const loudest = peak(audio.samples);
    // Words after a full stop or a comma follow a pause: the 60 ms before them are quiet, the 60 ms after are not.
    for (const text of ['Each', 'most', 'in']) {
      const word = narration.words.find((candidate) => candidate.text === text)!;
      expect(peak(window(word.startSec - 0.07, word.startSec - 0.01)), `${text} before`).to.be.lessThan(loudest * 0.05);
      expect(peak(window(word.startSec, word.startSec + 0.06)), `${text} after`).to.be.greaterThan(loudest * 0.05);
    }
  });

  it('picks another Flite voice by id, and falls back to eSpeak NG with a warning for a French script', async () => {
    const script: Script = { ...ENGLISH, scenes: [ENGLISH.scenes[0]] };
    const slt = await synthesize(script, {}, { prefix: 'flite/slt', fitToDuration: false });
    const rms = await synthesize(script, {}, { voice: 'flite-rms', prefix: 'flite/rms', fitToDuration: false });
    expect((await store.get(slt.narration.audio.key)).equals(await store.get(rms.narration.audio.key))).to.equal(false);
    expect(rms.narration.wordTimingsExact).to.equal(true);

    const french: Script = {
      title: 'Phares',
      language: 'fr',
      scenes: [{ narration: 'Les phares guident les marins.', durationHintSec: 3, visual }],
    };
    const result = await synthesize(french, { durationSec: 5 }, { voice: 'flite-slt', prefix: 'flite/french' });
    expect(result.narration.wordTimingsExact).to.equal(false);
    expect(result.warnings).to.deep.equal([
      {
        type: 'unsupported-setting',
        setting: 'voice',
        details: '"flite-slt" speaks English only; used "fr-fr", the voice for language "fr".',
      },
    ]);
  });

  it('stretches Flite’s durations so the narration lasts the brief’s duration (±10 %)', async () => {
    const { narration } = await synthesize(ENGLISH, { durationSec: 12 }, { prefix: 'flite/fit' });
    expect(narration.durationSec).to.be.within(10.8, 13.2);
    const nominal = await synthesize(ENGLISH, { durationSec: 12 }, { prefix: 'flite/nominal', fitToDuration: false });
    expect(nominal.narration.durationSec).to.be.lessThan(10.8);
  });

  it('lists its offline voices: Flite’s English voices first, then eSpeak NG’s languages', async () => {
    const voices = await createLocalVoiceProvider().listVoices();
    expect(voices[0]).to.deep.include({ id: 'flite-slt', language: 'en-US', engine: 'flite', available: true });
    expect(voices.map((voice) => voice.id)).to.include.members(['flite-rms', 'flite-awb', 'en-us', 'fr-fr']);
    expect(voices.find((voice) => voice.id === 'fr-fr')).to.include({ engine: 'espeak-ng', language: 'fr-fr' });
  });
});
