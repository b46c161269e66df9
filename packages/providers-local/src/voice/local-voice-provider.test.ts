import { decodeWav, type Script } from '@looply/core';
import { expect } from 'chai';
import { findExecutable } from './espeak/find-executable.js';
import { createLocalVoiceProvider } from './local-voice-provider.js';
import { ENGLISH, FRENCH, useLocalVoiceHarness, visual } from './__fixtures__/local-voice-harness.js';

describe('createLocalVoiceProvider', () => {
  const { synthesize, expectSoundNarration, store } = useLocalVoiceHarness();

  it('is a v1 voice provider with id "local"', () => {
    expect(createLocalVoiceProvider()).to.include({ specificationVersion: 'v1', kind: 'voice', provider: 'local' });
  });

  for (const engine of ['wasm', 'binary'] as const) {
    describe(`with the ${engine === 'wasm' ? 'WebAssembly build' : 'espeak-ng binary on PATH'}`, function () {
      before(function () {
        // The binary is optional (the WebAssembly build is the default engine); CI does not install it.
        if (engine === 'binary' && !findExecutable('espeak-ng')) {
          console.log('      (skipped: espeak-ng is not on PATH; apt-get install -y espeak-ng runs these)');
          this.skip();
        }
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
});
