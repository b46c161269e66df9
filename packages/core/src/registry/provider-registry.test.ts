import { expect } from 'chai';
import { LooplyError } from '../errors/looply-error.js';
import type { ScriptProviderV1 } from '../spec/script/v1/script-provider-v1.js';
import { ProviderRegistry } from './provider-registry.js';

function scriptProvider(id: string): ScriptProviderV1 {
  return {
    specificationVersion: 'v1',
    kind: 'script',
    provider: id,
    doGenerate: async () => {
      throw new Error('not called in these tests');
    },
  };
}

describe('ProviderRegistry', () => {
  it('returns a registered provider by kind and id', () => {
    const provider = scriptProvider('local');
    const registry = new ProviderRegistry().register(provider);
    expect(registry.get('script', 'local')).to.equal(provider);
    expect(registry.has('script', 'local')).to.equal(true);
    expect(registry.has('voice', 'local')).to.equal(false);
  });

  it('throws when the same id is registered twice for a kind', () => {
    const registry = new ProviderRegistry().register(scriptProvider('local'));
    expect(() => registry.register(scriptProvider('local')))
      .to.throw(LooplyError, 'script provider "local" is already registered')
      .with.property('code', 'duplicate-provider');
  });

  it('names the registered ids when an unknown id is asked for', () => {
    const registry = new ProviderRegistry().register(scriptProvider('local')).register(scriptProvider('openai'));
    expect(() => registry.get('script', 'anthropic')).to.throw(
      LooplyError,
      'No script provider "anthropic" is registered; registered script providers: local, openai',
    );
    expect(() => registry.get('voice', 'local')).to.throw('registered voice providers: (none)');
  });

  it('registers what a plugin registers, and nothing on its own', () => {
    const registry = new ProviderRegistry();
    const plugin = {
      name: 'example',
      register: (target: ProviderRegistry) => void target.register(scriptProvider('example')),
    };
    expect(registry.ids('script')).to.deep.equal([]);
    registry.use(plugin);
    expect(registry.ids('script')).to.deep.equal(['example']);
  });
});
