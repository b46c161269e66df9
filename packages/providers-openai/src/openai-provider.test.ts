import { LooplyError, ProviderRegistry } from '@looply/core';
import { expect } from 'chai';
import { createOpenAI, openaiPlugin } from './openai-provider.js';

describe('createOpenAI / openaiPlugin', () => {
  it('registers a script, a voice and a short visual provider under the id "openai"', () => {
    const registry = new ProviderRegistry().use(openaiPlugin());
    expect(registry.ids('script')).to.deep.equal(['openai']);
    expect(registry.ids('voice')).to.deep.equal(['openai']);
    expect(registry.ids('visual')).to.deep.equal(['openai']);
    expect(registry.ids('assembly')).to.deep.equal([]);
    const visual = registry.get('visual', 'openai');
    expect(visual).to.include({ specificationVersion: 'v1', kind: 'visual', mode: 'short', provider: 'openai' });
    expect(registry.get('script', 'openai')).to.include({ specificationVersion: 'v1', kind: 'script' });
    expect(registry.get('voice', 'openai')).to.include({ specificationVersion: 'v1', kind: 'voice' });
  });

  it('needs no key to be created or registered (the key is read at the first call)', () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      expect(() => new ProviderRegistry().use(openaiPlugin())).to.not.throw();
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });

  it('resolves the script model from the argument, then settings, then OPENAI_MODEL, then gpt-4o-mini', () => {
    const saved = process.env.OPENAI_MODEL;
    try {
      delete process.env.OPENAI_MODEL;
      expect(createOpenAI().script().modelId).to.equal('gpt-4o-mini');
      process.env.OPENAI_MODEL = 'gpt-4.1';
      expect(createOpenAI().script().modelId).to.equal('gpt-4.1');
      expect(createOpenAI({ model: 'gpt-4o' }).script().modelId).to.equal('gpt-4o');
      expect(createOpenAI({ model: 'gpt-4o' }).script('gpt-5-mini').modelId).to.equal('gpt-5-mini');
    } finally {
      if (saved === undefined) delete process.env.OPENAI_MODEL;
      else process.env.OPENAI_MODEL = saved;
    }
  });

  it('rejects unknown or invalid settings, naming them', () => {
    expect(() => createOpenAI({ apiKey: 'sk', baseUrl: 'http://x' } as never)).to.throw(
      LooplyError,
      /createOpenAI settings.*baseUrl/,
    );
    expect(() => createOpenAI({ baseURL: 'not a url' })).to.throw(LooplyError, /baseURL/);
    expect(() => createOpenAI({ timeoutMs: -1 })).to.throw(LooplyError, /timeoutMs/);
    expect(() =>
      createOpenAI({ pricing: { chat: { 'gpt-4o': { inputPerMillionTokens: -1, outputPerMillionTokens: 1 } } } }),
    ).to.throw(LooplyError, /pricing/);
  });
});
