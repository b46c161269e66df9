import { expect } from 'chai';
import { z } from 'zod';
import { createMockVisualProvider } from '../testing/mock-visual-provider.js';
import { definePlugin, isLooplyPluginFactory } from './define-plugin.js';
import { ProviderRegistry } from './provider-registry.js';

describe('definePlugin', () => {
  const acme = definePlugin({
    id: 'acme',
    settingsSchema: z.strictObject({ size: z.number().int().default(2) }),
    requiredVariables: ['ACME_API_KEY'],
    autoSteps: ['visual'],
    create: ({ settings, environment }) => ({
      name: `acme-${settings.size}-${environment.ACME_API_KEY ?? 'none'}`,
      register: (registry) => registry.register(createMockVisualProvider({ id: 'acme' })),
    }),
  });

  it('returns a factory a host recognises by its shape, with its declared settings schema and variables', () => {
    expect(isLooplyPluginFactory(acme)).to.equal(true);
    expect(isLooplyPluginFactory({ ...acme })).to.equal(true);
    expect(isLooplyPluginFactory({ name: 'x', register() {} })).to.equal(false);
    expect(acme).to.include({ id: 'acme', specificationVersion: 'v1', kind: 'looply-plugin-factory' });
    expect(acme.requiredVariables).to.deep.equal(['ACME_API_KEY']);
    expect(acme.autoSteps).to.deep.equal(['visual']);
  });

  it('creates the plugin from validated settings and the environment', () => {
    const settings = acme.settingsSchema.parse({});
    const plugin = acme.create({ settings, environment: { ACME_API_KEY: 'key' } });
    expect(plugin.name).to.equal('acme-2-key');
    expect(new ProviderRegistry().use(plugin).ids('visual')).to.deep.equal(['acme']);
  });

  it('defaults to an empty strict settings schema, no required variables and no auto steps', () => {
    const bare = definePlugin({ id: 'bare', create: () => ({ name: 'bare', register() {} }) });
    expect(bare.settingsSchema.safeParse({}).success).to.equal(true);
    expect(bare.settingsSchema.safeParse({ unknown: 1 }).success).to.equal(false);
    expect(bare.requiredVariables).to.deep.equal([]);
    expect(bare.autoSteps).to.deep.equal([]);
  });

  it('rejects an id that is not a provider id and a step that does not exist', () => {
    expect(() => definePlugin({ id: 'Acme Images', create: () => ({ name: 'x', register() {} }) })).to.throw(
      /provider id/,
    );
    expect(() =>
      definePlugin({ id: 'acme', autoSteps: ['music' as never], create: () => ({ name: 'x', register() {} }) }),
    ).to.throw();
  });
});
