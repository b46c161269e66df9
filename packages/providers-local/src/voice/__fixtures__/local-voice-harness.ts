import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  audioDurationSec,
  briefSchema,
  decodeWav,
  LocalArtifactStore,
  narrationSchema,
  type BriefInput,
  type Script,
  type VoiceResultV1,
} from '@looply/core';
import { expect } from 'chai';
import { createLocalVoiceProvider } from '../local-voice-provider.js';
import type { LocalVoiceSettings } from '../local-voice-settings.js';
import { splitSpokenWords } from '../word-timing-estimate.js';

export const visual = { positive: 'a sunny rooftop with solar panels, slow push in', negative: 'blurry' };

export const ENGLISH: Script = {
  title: 'Solar power',
  language: 'en',
  scenes: [
    { narration: 'Solar power is everywhere. Here is why it matters.', durationHintSec: 4, visual },
    { narration: 'First, it is cheap. Second, it is clean, and it keeps getting better.', durationHintSec: 5, visual },
    { narration: 'Follow for more!', durationHintSec: 2, visual },
  ],
};

export const FRENCH: Script = {
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

/**
 * What the local voice provider tests share: an artifact folder for the describe block (made before
 * it, removed after), a `synthesize` call into it, and the checks every narration must pass.
 */
export function useLocalVoiceHarness() {
  // Named now, made in `before`: the store and folder stay the same objects for the whole block.
  const root = join(tmpdir(), `looply-local-voice-${randomBytes(6).toString('hex')}`);
  const store = new LocalArtifactStore(root);

  before(() => mkdir(root, { recursive: true }));
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

  return { root, store, synthesize, expectSoundNarration };
}
