import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AbortedError,
  audioDurationSec,
  briefSchema,
  decodeWav,
  LocalArtifactStore,
  narrationSchema,
  ProviderError,
  type BriefInput,
  type Script,
  type VoiceResultV1,
} from '@looply/core';
import { expect } from 'chai';
import { findExecutable } from './espeak/find-executable.js';
import { createLocalVoiceProvider } from './local-voice-provider.js';
import type { LocalVoiceSettings } from './local-voice-settings.js';
import { splitSpokenWords } from './word-timing-estimate.js';

const visual = { positive: 'a sunny rooftop with solar panels, slow push in', negative: 'blurry' };

const ENGLISH: Script = {
  title: 'Solar power',
  language: 'en',
  scenes: [
    { narration: 'Solar power is everywhere. Here is why it matters.', durationHintSec: 4, visual },
    { narration: 'First, it is cheap. Second, it is clean, and it keeps getting better.', durationHintSec: 5, visual },
    { narration: 'Follow for more!', durationHintSec: 2, visual },
  ],
};

const FRENCH: Script = {
  title: 'Les abeilles',
  language: 'fr-CA',
  scenes: [
    { narration: 'Le sujet du jour : les abeilles.', durationHintSec: 3, visual },
    {
      narration: 'D’abord, regardons d’où tout est parti. Ensuite, voyons comment cela fonctionne.',
      durationHintSec: 5,
      visual,
    },
  ],
};

describe('createLocalVoiceProvider', () => {
  let root: string;
  let store: LocalArtifactStore;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'looply-local-voice-'));
    store = new LocalArtifactStore(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function synthesize(
    settings: LocalVoiceSettings,
    script: Script,
    brief: Partial<BriefInput> = {},
    extra: { voice?: string; signal?: AbortSignal; prefix?: string } = {},
  ) {
    return createLocalVoiceProvider(settings).doSynthesize({
      script,
      // The brief asks for as long as the script's scenes, as a script writer's output would.
      brief: briefSchema.parse({
        topic: script.title,
        language: script.language,
        durationSec: Math.max(5, Math.round(script.scenes.reduce((sum, scene) => sum + scene.durationHintSec, 0))),
        ...brief,
      }),
      voice: extra.voice,
      abortSignal: extra.signal ?? new AbortController().signal,
      idempotencyKey: 'job-1:voice',
      artifacts: store,
      artifactPrefix: extra.prefix ?? 'jobs/job-1/voice',
    });
  }

  /** Everything a narration must satisfy, whatever the engine and language. */
  async function expectSoundNarration(result: VoiceResultV1, script: Script, exactWords = false): Promise<void> {
    const { narration } = result;
    expect(() => narrationSchema.parse(narration)).not.to.throw();
    expect(narration.audio).to.include({ contentType: 'audio/wav' });
    expect(narration.audio.key).to.match(/\/narration\.wav$/);
    const audio = decodeWav(await store.get(narration.audio.key));
    expect(audio.channels).to.equal(1);
    expect(audioDurationSec(audio)).to.be.closeTo(narration.durationSec, 1e-9);
    expect(narration.durationSec).to.be.greaterThan(0);

    // Scenes: one per script scene, in order, inside the file, from 0 to the end, pauses between them.
    expect(narration.scenes).to.have.length(script.scenes.length);
    expect(narration.scenes[0].startSec).to.equal(0);
    expect(narration.scenes[narration.scenes.length - 1].endSec).to.be.closeTo(narration.durationSec, 1e-9);
    for (const [index, scene] of narration.scenes.entries()) {
      expect(scene.endSec, `scene ${index}`).to.be.greaterThan(scene.startSec);
      if (index > 0) expect(scene.startSec, `scene ${index}`).to.be.greaterThan(narration.scenes[index - 1].endSec);
    }

    // Words: every spoken word, in order, each inside its own scene; exact when the synthesiser gave them.
    expect(narration.wordTimingsExact).to.equal(exactWords);
    const expectedWords = script.scenes.flatMap((scene) => splitSpokenWords(scene.narration).map((word) => word.text));
    expect(narration.words.map((word) => word.text)).to.deep.equal(expectedWords);
    for (const [index, word] of narration.words.entries()) {
      const scene = narration.scenes[word.sceneIndex];
      expect(word.startSec, word.text).to.be.at.least(scene.startSec);
      expect(word.endSec, word.text).to.be.at.most(scene.endSec);
      expect(word.endSec, word.text).to.be.at.least(word.startSec);
      if (index > 0) expect(word.startSec, word.text).to.be.at.least(narration.words[index - 1].endSec);
    }
    expect(narration.words[0].startSec).to.equal(0);

    // About 2.5 words per second.
    expect(narration.words.length / narration.durationSec).to.be.within(2, 3.3);

    const characters = script.scenes.reduce((sum, scene) => sum + scene.narration.length, 0);
    expect(result.usage).to.deep.equal({ characters, audioSeconds: narration.durationSec, costUsd: 0 });
  }

  it('is a v1 voice provider with id "local"', () => {
    expect(createLocalVoiceProvider()).to.include({ specificationVersion: 'v1', kind: 'voice', provider: 'local' });
  });

  for (const engine of ['wasm', 'binary'] as const) {
    describe(`with the ${engine === 'wasm' ? 'WebAssembly build' : 'espeak-ng binary on PATH'}`, function () {
      before(function () {
        if (engine === 'binary' && !findExecutable('espeak-ng')) this.skip();
      });

      it('voices an English script scene by scene into one WAV with exact scene spans', async () => {
        const result = await synthesize({ engine, voice: 'en-us' }, ENGLISH, {}, { prefix: `jobs/${engine}-en/voice` });
        await expectSoundNarration(result, ENGLISH);
        expect(result.warnings).to.deep.equal([]);
        // Default pause between scenes: 0.3 s.
        expect(result.narration.scenes[1].startSec - result.narration.scenes[0].endSec).to.be.closeTo(0.3, 0.001);
      });

      it('voices a French script (fr-CA uses the French voice)', async () => {
        const result = await synthesize({ engine }, FRENCH, {}, { prefix: `jobs/${engine}-fr/voice` });
        await expectSoundNarration(result, FRENCH);
        expect(result.narration.words[3].text).to.equal('jour\u00a0:');
      });

      it('starts words after a full stop when speech resumes, not before', async () => {
        const { narration } = await synthesize(
          { engine, voice: 'en-us' },
          ENGLISH,
          {},
          { prefix: `jobs/${engine}-gaps/voice` },
        );
        const audio = decodeWav(await store.get(narration.audio.key));
        // "Here" follows "everywhere."; the audio just before it must be silent (the full stop's pause).
        const here = narration.words.find((word) => word.text === 'Here');
        const index = Math.round((here?.startSec ?? 0) * audio.sampleRate);
        const before = audio.samples.subarray(
          index - Math.round(0.05 * audio.sampleRate),
          index - Math.round(0.01 * audio.sampleRate),
        );
        expect(Math.max(...before.map(Math.abs))).to.be.lessThan(200);
      });
    });
  }

  describe('fitting the speech to the brief’s duration', () => {
    // French espeak-ng speaks this template text at about 2 words per second, so 25 words for a
    // 10 s brief came out at 13 s before fitting.
    const TEN_SECONDS_FRENCH: Script = {
      title: 'L’énergie solaire',
      language: 'fr',
      scenes: [
        {
          narration: 'Voici une explication claire et rapide de ce sujet : l’énergie solaire.',
          durationHintSec: 4.5,
          visual,
        },
        {
          narration:
            'Premièrement, regardons les défis en face. Enfin, regardons vers l’avenir. Voilà l’essentiel. Continuez d’apprendre.',
          durationHintSec: 5.5,
          visual,
        },
      ],
    };

    it('re-synthesises at a fitted speed so the narration lasts the brief’s duration (±10 %)', async () => {
      const { narration } = await synthesize(
        { engine: 'wasm' },
        TEN_SECONDS_FRENCH,
        { durationSec: 10 },
        { prefix: 'jobs/fit/voice' },
      );
      expect(narration.durationSec).to.be.within(9, 11);
    });

    it('keeps the nominal speed when fitting is off, and is then further from the duration', async () => {
      const fitted = await synthesize(
        { engine: 'wasm' },
        TEN_SECONDS_FRENCH,
        { durationSec: 10 },
        { prefix: 'jobs/fit-on/voice' },
      );
      const nominal = await synthesize(
        { engine: 'wasm', fitToDuration: false },
        TEN_SECONDS_FRENCH,
        { durationSec: 10 },
        { prefix: 'jobs/fit-off/voice' },
      );
      expect(Math.abs(nominal.narration.durationSec - 10)).to.be.greaterThan(
        Math.abs(fitted.narration.durationSec - 10),
      );
      expect(nominal.narration.durationSec).to.be.greaterThan(11);
    });
  });

  it('uses a voice named by the call over the brief, and by the brief over the settings', async () => {
    const script: Script = { ...ENGLISH, scenes: [ENGLISH.scenes[0]] };
    const bytes = async (result: VoiceResultV1) => store.get(result.narration.audio.key);
    const british = await bytes(
      await synthesize({ engine: 'wasm' }, script, {}, { voice: 'en-gb', prefix: 'voices/british' }),
    );
    const american = await bytes(
      await synthesize({ engine: 'wasm' }, script, { voice: 'en-gb' }, { voice: 'en-us', prefix: 'voices/american' }),
    );
    const fromBrief = await bytes(
      await synthesize({ engine: 'wasm', voice: 'en-us' }, script, { voice: 'en-gb' }, { prefix: 'voices/brief' }),
    );
    const variant = await bytes(
      await synthesize({ engine: 'wasm' }, script, {}, { voice: 'en-us+f3', prefix: 'voices/variant' }),
    );
    expect(british.equals(american)).to.equal(false);
    expect(fromBrief.equals(british)).to.equal(true);
    expect(variant.equals(american)).to.equal(false);
  });

  it('warns about an unknown voice and uses the language’s voice instead', async () => {
    const script: Script = { ...ENGLISH, scenes: [ENGLISH.scenes[0]] };
    const unknown = await synthesize({ engine: 'wasm' }, script, { voice: 'alloy' }, { prefix: 'voices/unknown' });
    const standard = await synthesize({ engine: 'wasm' }, script, {}, { prefix: 'voices/standard' });
    expect(unknown.warnings).to.deep.equal([
      {
        type: 'unsupported-setting',
        setting: 'voice',
        details: 'there is no offline voice "alloy"; used "flite-slt", the voice for language "en".',
      },
    ]);
    expect(
      (await store.get(unknown.narration.audio.key)).equals(await store.get(standard.narration.audio.key)),
    ).to.equal(true);
  });

  it('refuses a language no offline engine can speak, naming it', async () => {
    const script: Script = { ...ENGLISH, language: 'xx', scenes: [ENGLISH.scenes[0]] };
    try {
      await synthesize({ engine: 'wasm' }, script, { language: 'en' });
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect(error).to.include({ retryable: false, code: 'unsupported-language' });
      expect((error as Error).message).to.include('"xx"');
    }
  });

  it('honours wordsPerMinute and scenePauseSec', async () => {
    const normal = await synthesize({ engine: 'wasm', voice: 'en-us' }, ENGLISH, {}, { prefix: 'speed/normal' });
    const quick = await synthesize(
      { engine: 'wasm', voice: 'en-us', wordsPerMinute: 250, scenePauseSec: 1 },
      ENGLISH,
      {},
      { prefix: 'speed/quick' },
    );
    expect(quick.narration.scenes[1].startSec - quick.narration.scenes[0].endSec).to.be.closeTo(1, 0.001);
    const speech = (result: VoiceResultV1) =>
      result.narration.scenes.reduce((sum, scene) => sum + scene.endSec - scene.startSec, 0);
    expect(speech(quick)).to.be.lessThan(speech(normal) * 0.75);
  });

  it('stops between scenes when aborted, writing no narration', async () => {
    const controller = new AbortController();
    const pending = synthesize({ engine: 'wasm' }, ENGLISH, {}, { signal: controller.signal, prefix: 'aborted/voice' });
    setImmediate(() => controller.abort());
    try {
      await pending;
      expect.fail('expected an AbortedError');
    } catch (error) {
      expect(error).to.be.instanceOf(AbortedError);
    }
    expect(await store.exists('aborted/voice/narration.wav')).to.equal(false);
  });

  it('reports an espeak-ng failure as a non-retryable ProviderError with its stderr', async () => {
    const fixtures = fileURLToPath(new URL('./espeak/__fixtures__/', import.meta.url));
    const fake = join(root, 'fake-espeak-ng');
    await writeFile(
      fake,
      [
        '#!/bin/sh',
        `case "$1" in`,
        `  --voices) cat '${join(fixtures, 'espeak-ng-voices.txt')}' ;;`,
        `  --voices=variant) cat '${join(fixtures, 'espeak-ng-variants.txt')}' ;;`,
        '  *) echo "Error processing file phontab: No such file or directory." >&2; exit 1 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    await chmod(fake, 0o755);
    try {
      await synthesize({ espeakPath: fake, voice: 'en-us' }, ENGLISH);
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect(error).to.include({ retryable: false, provider: 'local' });
      expect((error as Error).message)
        .to.include(fake)
        .and.to.include('Error processing file phontab');
    }
  });

  it('insists on a binary when told to, and says how to get one', async () => {
    const path = process.env.PATH;
    process.env.PATH = root;
    try {
      await synthesize({ engine: 'binary', voice: 'en-us' }, ENGLISH);
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect((error as Error).message).to.include('no espeak-ng on PATH');
    } finally {
      process.env.PATH = path;
    }
  });

  it('validates its settings, naming the bad field', () => {
    expect(() => createLocalVoiceProvider({ wordsPerMinute: 10 })).to.throw(/wordsPerMinute/);
    expect(() => createLocalVoiceProvider({ engine: 'cloud' as never })).to.throw(/engine/);
  });
});
