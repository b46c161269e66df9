import {
  BUILT_IN_TEMPLATES,
  briefSchema,
  getStyle,
  resolveBriefTemplate,
  sceneRolesFor,
  scriptSchema,
  type BriefRequest,
  type ScriptResultV1,
} from '@looply/core';
import { expect } from 'chai';
import { createLocalScriptProvider } from './local-script-provider.js';
import { ENGLISH_TEMPLATES } from './templates/english-templates.js';

const provider = createLocalScriptProvider();

async function generate(request: BriefRequest): Promise<ScriptResultV1> {
  const brief = briefSchema.parse(resolveBriefTemplate(request));
  return provider.doGenerate({
    brief,
    style: getStyle(brief.style),
    abortSignal: new AbortController().signal,
    idempotencyKey: 'job-1:script',
    artifacts: undefined as never,
    artifactPrefix: 'jobs/job-1/script',
  });
}

function words(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu) ?? []).length;
}

describe('local script writer with a template', () => {
  for (const template of BUILT_IN_TEMPLATES) {
    it(`follows the "${template.name}" structure: a hook scene, one scene per point, then the call to action`, async () => {
      const { script } = await generate({ topic: 'coral reefs', template: template.name });
      expect(() => scriptSchema.parse(script)).not.to.throw();
      expect(script.scenes.map((scene) => scene.role)).to.deep.equal(sceneRolesFor(template.structure));
    });
  }

  it('counts a "top 5" listicle down from five to one, after a hook that promises the list', async () => {
    const { script } = await generate({ topic: 'coral reefs', template: 'listicle' });
    expect(script.scenes[0].narration).to.match(
      /^(Here are the top five things to know about|The top five:) coral reefs/,
    );
    const points = script.scenes.filter((scene) => scene.role === 'point');
    expect(points.map((scene) => /^Number (\w+):/.exec(scene.narration)?.[1])).to.deep.equal([
      'five',
      'four',
      'three',
      'two',
      'one',
    ]);
  });

  it('ends on one of the tone’s calls to action, and without a call to action ends on the last point', async () => {
    const { script } = await generate({ topic: 'coral reefs', template: 'explainer', tone: 'neutral' });
    const closing = script.scenes.at(-1)!.narration;
    expect(ENGLISH_TEMPLATES.tones.neutral.callsToAction.some((call) => closing.endsWith(call))).to.equal(true);

    const explainer = BUILT_IN_TEMPLATES[0];
    const withoutCall = {
      ...explainer,
      name: 'no-call',
      structure: { ...explainer.structure, callToAction: undefined },
    };
    const ended = await generate({ topic: 'coral reefs', template: withoutCall });
    expect(ended.script.scenes.map((scene) => scene.role)).to.deep.equal(['hook', 'point', 'point', 'point']);
  });

  it('promises a plain numbered list (no ranking) when the points count up', async () => {
    const { script } = await generate({ topic: 'coral reefs', template: 'news-recap' });
    expect(script.scenes[0].narration).to.match(
      /^(Here are three things to know about coral reefs\.|Coral reefs, in three points\.)/,
    );
    expect(
      script.scenes
        .filter((scene) => scene.role === 'point')
        .map((scene) => /^Number (\w+):/.exec(scene.narration)?.[1]),
    ).to.deep.equal(['one', 'two', 'three']);
  });

  it('numbers French points with spelled-out numbers', async () => {
    const { script } = await generate({ topic: 'les récifs', template: 'news-recap', language: 'fr' });
    expect(script.scenes[0].narration).to.match(/^(Voici trois choses à savoir|En trois points)/);
    expect(
      script.scenes
        .filter((scene) => scene.role === 'point')
        .map((scene) => /^Numéro (\S+) :/.exec(scene.narration)?.[1]),
    ).to.deep.equal(['un', 'deux', 'trois']);
  });

  it('writes denser narration for a brisk pacing than for a relaxed one at the same duration', async () => {
    const story = BUILT_IN_TEMPLATES.find((template) => template.name === 'story')!;
    const paced = (pacing: 'brisk' | 'relaxed') => ({ ...story, structure: { ...story.structure, pacing } });
    const brisk = await generate({ topic: 'coral reefs', durationSec: 60, template: paced('brisk') });
    const relaxed = await generate({ topic: 'coral reefs', durationSec: 60, template: paced('relaxed') });
    const total = (result: ScriptResultV1) => words(result.script.scenes.map((scene) => scene.narration).join(' '));
    expect(total(brisk)).to.be.greaterThan(total(relaxed) * 1.1);
  });

  it('warns when a template asks for more points than the writer has angles, and writes six', async () => {
    const explainer = BUILT_IN_TEMPLATES[0];
    const many = {
      ...explainer,
      name: 'eight',
      structure: { ...explainer.structure, points: { ...explainer.structure.points, count: 8 } },
    };
    const result = await generate({ topic: 'coral reefs', durationSec: 90, template: many });
    expect(result.script.scenes.filter((scene) => scene.role === 'point')).to.have.length(6);
    expect(result.warnings.map((warning) => ('setting' in warning ? warning.setting : ''))).to.include(
      'template.structure.points.count',
    );
  });
});
