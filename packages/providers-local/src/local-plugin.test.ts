import { ProviderRegistry } from '@looply/core';
import { expect } from 'chai';
import { localPlugin } from './local-plugin.js';

describe('localPlugin', () => {
  it('registers an offline provider with id "local" for every step', () => {
    const registry = new ProviderRegistry().use(localPlugin());
    for (const kind of ['script', 'voice', 'visual', 'assembly'] as const) {
      expect(registry.get(kind, 'local').kind).to.equal(kind);
      expect(registry.get(kind, 'local').specificationVersion).to.equal('v1');
    }
  });

  it('passes settings through and rejects invalid ones when the providers are built', () => {
    expect(() => new ProviderRegistry().use(localPlugin({ script: { wordsPerSecond: 99 } }))).to.throw(
      /wordsPerSecond/,
    );
  });
});
