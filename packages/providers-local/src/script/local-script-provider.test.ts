import {
  AbortedError,
  briefSchema,
  getStyle,
  ProviderError,
  scriptSchema,
  STYLE_IDS,
  type BriefInput,
  type ScriptResultV1,
} from '@looply/core';
import { expect } from 'chai';
import { createLocalScriptProvider } from './local-script-provider.js';
import { ENGLISH_TEMPLATES } from './templates/english-templates.js';

const provider = createLocalScriptProvider();

async function generate(input: BriefInput, signal = new AbortController().signal): Promise<ScriptResultV1> {
  const brief = briefSchema.parse(input);
  return provider.doGenerate({
    brief,
    style: getStyle(brief.style),
    abortSignal: signal,
    idempotencyKey: 'job-1:script',
    // The template writer writes no artifacts.
    artifacts: undefined as never,
    artifactPrefix: 'jobs/job-1/script',
  });
}

// Counted independently of the provider's own word counter.
function spokenWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) ?? []).length;
}

function narrationOf(result: ScriptResultV1): string {
  return result.script.scenes.map((scene) => scene.narration).join(' ');
}

describe('createLocalScriptProvider', () => {
  it('is a v1 script provider with id "local"', () => {
    expect(provider).to.include({ specificationVersion: 'v1', kind: 'script', provider: 'local' });
  });

  it('writes a script that scriptSchema accepts, titled after the topic, at no cost', async () => {
    const result = await generate({ topic: 'solar power', tone: 'enthusiastic', durationSec: 30 });
    expect(() => scriptSchema.parse(result.script)).not.to.throw();
    expect(result.script.title).to.equal('Solar power');
    expect(result.script.language).to.equal('en');
    expect(result.usage.costUsd).to.equal(0);
    expect(result.usage.characters).to.equal(narrationOf(result).length - (result.script.scenes.length - 1));
    expect(result.warnings).to.deep.equal([]);
  });

  it('is deterministic: the same brief gives the same script', async () => {
    const brief = { topic: 'The history of jazz', tone: 'calm', durationSec: 45, language: 'fr' };
    expect(await generate(brief)).to.deep.equal(await generate(brief));
  });

  it('varies the wording with the topic', async () => {
    const topics = ['solar power', 'urban beekeeping', 'the printing press', 'deep sea fish', 'chess openings'];
    const shapes = new Set<string>();
    for (const topic of topics) {
      const narration = narrationOf(await generate({ topic, durationSec: 30 }));
      shapes.add(
        narration.replaceAll(topic, '<topic>').replaceAll(topic.charAt(0).toUpperCase() + topic.slice(1), '<topic>'),
      );
    }
    expect(shapes.size).to.be.greaterThan(2);
  });

  it('sizes the narration to about 2.5 words per second (±15%) for every duration, language and tone', async () => {
    const failures: string[] = [];
    for (const language of ['en', 'fr']) {
      for (const tone of ['enthusiastic', 'calm', 'serious', 'funny', 'informative', 'whimsical']) {
        for (const durationSec of [5, 8, 12, 20, 30, 45, 60, 90, 120, 180]) {
          for (const topic of [
            'solar power',
            'why the Roman empire fell and what it teaches us about resilience today',
          ]) {
            const words = spokenWords(narrationOf(await generate({ topic, tone, durationSec, language })));
            const target = durationSec * 2.5;
            if (Math.abs(words - target) > target * 0.15)
              failures.push(`${language}/${tone}/${durationSec}s/${topic}: ${words} words for ${target}`);
          }
        }
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it('uses one scene per ~6 seconds (at least 2) with duration hints proportional to their words', async () => {
    for (const durationSec of [5, 30, 60, 180]) {
      const { script } = await generate({ topic: 'volcanoes', durationSec });
      const expected = Math.max(2, Math.round(durationSec / 6));
      expect(script.scenes.length, `${durationSec}s`).to.be.within(Math.max(2, expected - 1), expected);
      const total = script.scenes.reduce((sum, scene) => sum + scene.durationHintSec, 0);
      expect(total, `${durationSec}s total`).to.be.closeTo(durationSec, 0.1);
      const totalWords = script.scenes.reduce((sum, scene) => sum + spokenWords(scene.narration), 0);
      for (const scene of script.scenes) {
        expect(scene.durationHintSec).to.be.closeTo((durationSec * spokenWords(scene.narration)) / totalWords, 0.01);
      }
    }
  });

  it('follows the arc: hook naming the topic, numbered points, then a closing line', async () => {
    const { script } = await generate({ topic: 'solar power', tone: 'informative', durationSec: 60 });
    const narration = script.scenes.map((scene) => scene.narration).join(' ');
    expect(script.scenes[0].narration.toLowerCase()).to.include('solar power');
    const first = narration.search(/\b(First|To start),/);
    const last = narration.search(/\b(Finally|Lastly),/);
    expect(first, 'first point').to.be.greaterThan(0);
    expect(last, 'last point').to.be.greaterThan(first);
    const { takeaways, callsToAction } = ENGLISH_TEMPLATES.tones.informative;
    const closing = narration.slice(last);
    expect(
      takeaways.some((takeaway) => closing.includes(takeaway.replace('{topic}', 'solar power'))),
      'takeaway',
    ).to.equal(true);
    expect(
      callsToAction.some((call) => narration.endsWith(call)),
      'call to action',
    ).to.equal(true);
  });

  it('writes in the requested tone, and falls back to neutral wording with a warning for an unknown one', async () => {
    const enthusiastic = narrationOf(await generate({ topic: 'solar power', tone: 'enthusiastic', durationSec: 30 }));
    const serious = narrationOf(await generate({ topic: 'solar power', tone: 'serious', durationSec: 30 }));
    expect((enthusiastic.match(/!/g) ?? []).length).to.be.greaterThan(1);
    expect(serious).not.to.include('!');
    expect(serious).to.match(/\bFirst,.*\bSecond,/);

    const unknown = await generate({ topic: 'solar power', tone: 'whimsical', durationSec: 30 });
    const neutral = await generate({ topic: 'solar power', tone: 'neutral', durationSec: 30 });
    expect(unknown.script).to.deep.equal(neutral.script);
    expect(unknown.warnings).to.have.length(1);
    expect(unknown.warnings[0]).to.include({ type: 'unsupported-setting', setting: 'tone' });
  });

  it('reads tone words in French too ("calme et posé")', async () => {
    const calm = await generate({ topic: 'les volcans', tone: 'calme et posé', language: 'fr', durationSec: 30 });
    const reference = await generate({ topic: 'les volcans', tone: 'calm', language: 'fr', durationSec: 30 });
    expect(calm.script).to.deep.equal(reference.script);
    expect(calm.warnings).to.deep.equal([]);
  });

  it('writes French for fr and regional tags such as fr-CA, keeping the brief’s tag', async () => {
    const result = await generate({ topic: 'les abeilles', language: 'fr-CA', durationSec: 30 });
    expect(result.script.language).to.equal('fr-CA');
    expect(narrationOf(result)).to.match(/\b(sujet|Premièrement|D’abord|Ensuite|Enfin)\b/);
    expect(narrationOf(result)).not.to.match(/\b(the|and|this)\b/);
  });

  it('inserts a French topic without broken articles or elisions, whatever its gender or number', async () => {
    for (const topic of ['les abeilles', 'la photosynthèse', 'le jazz', 'l’intelligence artificielle', 'Internet']) {
      for (const tone of ['enthusiastic', 'calm', 'serious', 'funny', 'informative', 'neutral']) {
        for (const durationSec of [10, 60]) {
          const narration = narrationOf(await generate({ topic, tone, language: 'fr', durationSec }));
          // The topic only ever follows a colon, so no article or elision depends on its gender.
          const mentions = narration.split(topic).length - 1;
          expect(mentions, `${topic}/${tone}`).to.be.greaterThan(0);
          expect(narration.split(`: ${topic}`).length - 1, `${topic}/${tone}`).to.equal(mentions);
        }
      }
    }
  });

  it('shortens a topic too long to say in a very short video, and says so', async () => {
    const topic = 'why the Roman empire fell and what modern democracies can learn from its long decline';
    const result = await generate({ topic, durationSec: 8 });
    expect(narrationOf(result)).not.to.include(topic);
    expect(narrationOf(result).toLowerCase()).to.include('why the roman empire fell');
    expect(result.warnings.map((warning) => warning.type)).to.deep.equal(['other']);
    expect(result.script.title).to.equal(
      'Why the Roman empire fell and what modern democracies can learn from its long decline',
    );
  });

  it('lower-cases a leading "How" inside sentences but keeps proper nouns', async () => {
    const how = narrationOf(await generate({ topic: 'How black holes form', tone: 'serious', durationSec: 20 }));
    expect(how).to.include('how black holes form');
    const paris = narrationOf(await generate({ topic: 'Paris in the 1920s', tone: 'serious', durationSec: 20 }));
    expect(paris).to.include('Paris in the 1920s');
  });

  it('gives each scene a WAN-style prompt from the style’s vocabulary, suffix and negative prompt', async () => {
    for (const styleId of STYLE_IDS) {
      const style = getStyle(styleId);
      const { script } = await generate({ topic: 'solar power', durationSec: 30, style: styleId });
      for (const scene of script.scenes) {
        expect(scene.visual.positive).to.include('solar power');
        expect(scene.visual.positive.endsWith(style.promptSuffix)).to.equal(true);
        expect(
          style.lighting.some((lighting) => scene.visual.positive.includes(lighting)),
          'lighting',
        ).to.equal(true);
        expect(
          style.cameraMoves.some((move) => scene.visual.positive.includes(move)),
          'camera',
        ).to.equal(true);
        expect(scene.visual.negative).to.equal(style.negativePrompt);
      }
      // Neighbouring scenes do not repeat the same shot.
      for (let index = 1; index < script.scenes.length; index++) {
        expect(script.scenes[index].visual.positive).not.to.equal(script.scenes[index - 1].visual.positive);
      }
    }
  });

  it('refuses an unsupported language with a non-retryable error naming it and the supported ones', async () => {
    try {
      await generate({ topic: 'Sonnenenergie', language: 'de-AT' });
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect(error).to.include({ retryable: false, provider: 'local' });
      expect((error as Error).message)
        .to.include('"de-AT"')
        .and.to.include('en, fr');
    }
  });

  it('throws AbortedError when the call is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    try {
      await generate({ topic: 'solar power' }, controller.signal);
      expect.fail('expected an AbortedError');
    } catch (error) {
      expect(error).to.be.instanceOf(AbortedError);
    }
  });

  it('validates its settings, naming the bad field', () => {
    expect(() => createLocalScriptProvider({ wordsPerSecond: 50 })).to.throw(/wordsPerSecond/);
    expect(() => createLocalScriptProvider({ speed: 2 } as never)).to.throw(/speed|Unrecognized/);
  });

  it('honours wordsPerSecond and secondsPerScene settings', async () => {
    const slow = createLocalScriptProvider({ wordsPerSecond: 2, secondsPerScene: 10 });
    const brief = briefSchema.parse({ topic: 'solar power', durationSec: 60 });
    const { script } = await slow.doGenerate({
      brief,
      style: getStyle('modern'),
      abortSignal: new AbortController().signal,
      idempotencyKey: 'k',
      artifacts: undefined as never,
      artifactPrefix: 'p',
    });
    const words = spokenWords(script.scenes.map((scene) => scene.narration).join(' '));
    expect(words).to.be.within(120 * 0.85, 120 * 1.15);
    expect(script.scenes.length).to.be.within(5, 6);
  });
});
