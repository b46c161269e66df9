import { expect } from 'chai';
import { briefSchema } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import { BUILT_IN_TEMPLATES, findBuiltInTemplate } from './built-in-templates.js';
import { resolveBriefTemplate } from './resolve-brief-template.js';
import { sceneRolesFor, pointNumber } from './script-structure.js';
import { videoTemplateSchema, type VideoTemplate } from './video-template.js';

describe('resolveBriefTemplate', () => {
  it('ships the five built-in templates, each valid against the template schema', () => {
    expect(BUILT_IN_TEMPLATES.map((template) => template.name)).to.deep.equal([
      'explainer',
      'listicle',
      'story',
      'product-promo',
      'news-recap',
    ]);
    for (const template of BUILT_IN_TEMPLATES) expect(videoTemplateSchema.parse(template)).to.deep.equal(template);
  });

  it('fills the fields the brief leaves out with the template presets and records the applied template', () => {
    const brief = briefSchema.parse(resolveBriefTemplate({ topic: 'tide pools', template: 'listicle' }));
    expect(brief).to.include({
      tone: 'enthusiastic',
      durationSec: 40,
      aspectRatio: '9:16',
      style: 'playful',
      language: 'en',
    });
    const listicle = findBuiltInTemplate('listicle')!;
    expect(brief.template).to.deep.equal({
      name: 'listicle',
      description: listicle.description,
      structure: listicle.structure,
    });
    expect(brief.template).not.to.have.property('presets');
  });

  it('lets the brief override any preset, and ignores fields given as undefined', () => {
    const brief = briefSchema.parse(
      resolveBriefTemplate({
        topic: 'tide pools',
        template: 'story',
        tone: 'funny',
        aspectRatio: '1:1',
        style: undefined,
      }),
    );
    expect(brief).to.include({ tone: 'funny', aspectRatio: '1:1', style: 'cinematic', durationSec: 60 });
  });

  it('accepts a whole template inline and a lookup for user templates, and is idempotent', () => {
    const mine: VideoTemplate = {
      name: 'my-tips',
      structure: {
        hook: 'Say why it matters',
        points: { count: 2, label: 'tip', numbering: 'ascending' },
        pacing: 'steady',
      },
      presets: { durationSec: 20 },
    };
    const byName = resolveBriefTemplate({ topic: 'knots', template: 'my-tips' }, (name) =>
      name === 'my-tips' ? mine : undefined,
    );
    const inline = resolveBriefTemplate({ topic: 'knots', template: mine });
    expect(byName).to.deep.equal(inline);
    expect(resolveBriefTemplate(inline)).to.deep.equal(inline);
    expect(briefSchema.parse(inline).durationSec).to.equal(20);
  });

  it('rejects an unknown template name with a validation error naming the built-in ones', () => {
    let caught: unknown;
    try {
      resolveBriefTemplate({ topic: 'knots', template: 'nope' });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(LooplyError);
    expect((caught as LooplyError).code).to.equal('validation');
    expect((caught as LooplyError).message).to.match(
      /template: unknown template "nope".*explainer, listicle, story, product-promo, news-recap/,
    );
  });

  it('gives the scene roles and the numbering a structure asks for', () => {
    const listicle = findBuiltInTemplate('listicle')!.structure;
    expect(sceneRolesFor(listicle)).to.deep.equal([
      'hook',
      'point',
      'point',
      'point',
      'point',
      'point',
      'call-to-action',
    ]);
    expect([0, 1, 4].map((position) => pointNumber(listicle, position))).to.deep.equal([5, 4, 1]);
    const noCall = { ...listicle, callToAction: undefined, points: { ...listicle.points, numbering: 'none' as const } };
    expect(sceneRolesFor(noCall)).to.have.length(6);
    expect(pointNumber(noCall, 0)).to.equal(undefined);
  });
});
