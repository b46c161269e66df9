import { expect } from 'chai';
import { createVast } from './vast-provider.js';

describe('createVast', () => {
  it('gives the WAN visual provider on the model asked for, else the settings’ model, else ti2v-5b', () => {
    expect(createVast().visual()).to.include({ kind: 'visual', provider: 'vast' });
    expect(createVast().visual().modelId).to.equal('ti2v-5b');
    expect(createVast({ model: 't2v-a14b' }).visual().modelId).to.equal('t2v-a14b');
    expect(createVast().visual('t2v-a14b').modelId).to.equal('t2v-a14b');
  });
});
