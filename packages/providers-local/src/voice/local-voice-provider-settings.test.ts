import { ProviderError, type Script, type VoiceResultV1 } from '@looply/core';
import { expect } from 'chai';
import { createLocalVoiceProvider } from './local-voice-provider.js';
import { ENGLISH, useLocalVoiceHarness } from './__fixtures__/local-voice-harness.js';

describe('createLocalVoiceProvider', () => {
  const { synthesize, store } = useLocalVoiceHarness();

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

  it('validates its settings, naming the bad field', () => {
    expect(() => createLocalVoiceProvider({ wordsPerMinute: 10 })).to.throw(/wordsPerMinute/);
    expect(() => createLocalVoiceProvider({ engine: 'cloud' as never })).to.throw(/engine/);
  });
});
