import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { briefSchema, decodeWav, LocalArtifactStore, narrationSchema, type Script } from '@looply/core';
import { expect } from 'chai';
import { findFestival } from './festival/festival-engine.js';
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
  ],
};

describe('the local voice provider with Festival’s HTS voice (when installed)', function () {
  this.timeout(120_000);
  let root: string;
  let store: LocalArtifactStore;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-festival-voice-'));
    store = new LocalArtifactStore(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  const synthesize = (prefix: string) =>
    createLocalVoiceProvider({ fitToDuration: false }).doSynthesize({
      script: ENGLISH,
      brief: briefSchema.parse({ topic: 'Lighthouses', durationSec: 5 }),
      voice: 'festival-slt-hts',
      abortSignal: new AbortController().signal,
      idempotencyKey: 'job-1:voice',
      artifacts: store,
      artifactPrefix: prefix,
    });

  it('voices English with festival-slt-hts, word timings from Festival’s segments (exact), a word after a full stop on its sound', async function () {
    if (!findFestival()) {
      console.log('      (skipped: Festival or festvox-us-slt-hts not installed)');
      this.skip();
    }
    const { narration, warnings } = await synthesize('festival/voice');
    expect(warnings).to.deep.equal([]);
    expect(() => narrationSchema.parse(narration)).not.to.throw();
    expect(narration.wordTimingsExact).to.equal(true);
    expect(narration.words.map((word) => word.text)).to.deep.equal(
      splitSpokenWords(ENGLISH.scenes[0].narration).map((word) => word.text),
    );
    const audio = decodeWav(await store.get(narration.audio.key));
    const each = narration.words.find((word) => word.text === 'Each')!;
    const before = audio.samples.subarray(
      Math.round((each.startSec - 0.07) * audio.sampleRate),
      Math.round((each.startSec - 0.01) * audio.sampleRate),
    );
    const after = audio.samples.subarray(
      Math.round(each.startSec * audio.sampleRate),
      Math.round((each.startSec + 0.06) * audio.sampleRate),
    );
    const peak = (samples: Int16Array) => samples.reduce((highest, sample) => Math.max(highest, Math.abs(sample)), 0);
    expect(peak(before)).to.be.lessThan(peak(after) / 4);
  });

  it('lists festival-slt-hts with whether it is installed, and warns and uses Flite when it is not', async () => {
    const voices = await createLocalVoiceProvider().listVoices();
    expect(voices.find((voice) => voice.id === 'festival-slt-hts')).to.include({
      engine: 'festival',
      language: 'en-US',
      available: findFestival() !== undefined,
    });
    const path = process.env.PATH;
    process.env.PATH = root;
    try {
      const { narration, warnings } = await synthesize('festival/missing');
      expect(warnings).to.deep.equal([
        {
          type: 'unsupported-setting',
          setting: 'voice',
          details:
            '"festival-slt-hts" is not installed (Debian: apt-get install festival festvox-us-slt-hts); used "flite-slt", the voice for language "en".',
        },
      ]);
      expect(narration.wordTimingsExact).to.equal(true);
    } finally {
      process.env.PATH = path;
    }
  });
});
