import { expect } from 'chai';
import { LooplyError } from '../errors/looply-error.js';
import { parseWith } from '../errors/validation.js';
import { briefSchema, outputFormatFor } from './brief.js';

describe('briefSchema', () => {
  it('applies the documented defaults to a topic-only brief', () => {
    const brief = briefSchema.parse({ topic: 'Solar power' });
    expect(brief).to.deep.equal({
      topic: 'Solar power',
      tone: 'informative',
      durationSec: 30,
      language: 'en',
      aspectRatio: '9:16',
      style: 'modern',
    });
  });

  it('rejects out-of-range durations, unknown aspects and styles, naming each field', () => {
    const attempt = () =>
      parseWith(briefSchema, { topic: 'x', durationSec: 999, aspectRatio: '4:3', style: 'baroque' }, 'brief');
    expect(attempt).to.throw(LooplyError, /brief: durationSec: .*; aspectRatio: .*; style: /);
  });

  it('rejects an empty topic and unknown fields such as server-owned status', () => {
    expect(() => parseWith(briefSchema, { topic: '   ' }, 'brief')).to.throw('topic: must not be empty');
    expect(() => parseWith(briefSchema, { topic: 'x', status: 'COMPLETED' }, 'brief')).to.throw(/status/);
  });

  it('accepts BCP-47 language tags and refuses free text', () => {
    expect(briefSchema.parse({ topic: 'x', language: 'fr-CA' }).language).to.equal('fr-CA');
    expect(() => briefSchema.parse({ topic: 'x', language: 'French' })).to.throw();
  });

  it('maps each aspect ratio to its output size at 30 fps', () => {
    expect(outputFormatFor('9:16')).to.deep.equal({ width: 1080, height: 1920, fps: 30 });
    expect(outputFormatFor('16:9')).to.deep.equal({ width: 1920, height: 1080, fps: 30 });
    expect(outputFormatFor('1:1')).to.deep.equal({ width: 1080, height: 1080, fps: 30 });
  });
});
