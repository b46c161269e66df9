import { scriptSchema } from '@looply/core';
import { expect } from 'chai';
import { z } from 'zod';
import { toStrictJsonSchema } from './strict-json-schema.js';

describe('toStrictJsonSchema', () => {
  it('closes every object of the script schema and requires every property', () => {
    const schema = toStrictJsonSchema(scriptSchema) as any;
    expect(schema.type).to.equal('object');
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.required).to.deep.equal(['title', 'language', 'scenes']);
    const scene = schema.properties.scenes.items;
    expect(scene.additionalProperties).to.equal(false);
    expect(scene.required).to.deep.equal(['narration', 'durationHintSec', 'visual', 'role']);
    // The optional scene role (set when the brief has a template) is "a role or null".
    expect(scene.properties.role).to.deep.equal({
      anyOf: [{ type: 'string', enum: ['hook', 'point', 'call-to-action'] }, { type: 'null' }],
    });
    expect(scene.properties.visual.additionalProperties).to.equal(false);
    expect(scene.properties.visual.required).to.deep.equal(['positive', 'negative']);
  });

  it('drops keywords strict mode does not take and keeps the ones it does', () => {
    const schema = toStrictJsonSchema(scriptSchema) as any;
    expect(schema).to.not.have.property('$schema');
    expect(schema.properties.title).to.deep.equal({ type: 'string' });
    expect(schema.properties.language.pattern).to.be.a('string');
    expect(schema.properties.scenes).to.include({ minItems: 1, maxItems: 60 });
    expect(schema.properties.scenes.items.properties.durationHintSec).to.include({ exclusiveMinimum: 0, maximum: 180 });
  });

  it('turns optional properties into required "value or null" and closes loose objects', () => {
    const schema = toStrictJsonSchema(
      z.object({ name: z.string(), nickname: z.string().optional(), tags: z.array(z.object({ id: z.number() })) }),
    ) as any;
    expect(schema.required).to.deep.equal(['name', 'nickname', 'tags']);
    expect(schema.properties.nickname).to.deep.equal({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    expect(schema.additionalProperties).to.equal(false);
    expect(schema.properties.tags.items.additionalProperties).to.equal(false);
  });

  it('refuses a root that is not an object', () => {
    expect(() => toStrictJsonSchema(z.array(z.string()))).to.throw(/root.*must be an object/);
  });
});
