import { expect } from 'chai';
import { createLocal } from './local-provider.js';

describe('createLocal', () => {
  it('returns the four offline providers, id local, one per step kind', () => {
    const local = createLocal();
    const providers = [local.script(), local.voice(), local.visual(), local.assembly()];
    expect(providers.map((provider) => [provider.kind, provider.provider])).to.deep.equal([
      ['script', 'local'],
      ['voice', 'local'],
      ['visual', 'local'],
      ['assembly', 'local'],
    ]);
  });
});
