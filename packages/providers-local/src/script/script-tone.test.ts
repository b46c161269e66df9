import { expect } from 'chai';
import { resolveTone } from './script-tone.js';

describe('resolveTone', () => {
  it('recognises tones and their synonyms in English and French', () => {
    expect(resolveTone('Enthusiastic')).to.deep.equal({ tone: 'enthusiastic', recognised: true });
    expect(resolveTone('light-hearted and witty').tone).to.equal('funny');
    expect(resolveTone('calme et posé').tone).to.equal('calm');
    expect(resolveTone('Sérieux').tone).to.equal('serious');
    expect(resolveTone('educational').tone).to.equal('informative');
  });

  it('takes the first recognised word', () => {
    expect(resolveTone('serious but funny').tone).to.equal('serious');
  });

  it('falls back to neutral, unrecognised, for unknown tones', () => {
    expect(resolveTone('whimsical')).to.deep.equal({ tone: 'neutral', recognised: false });
    expect(resolveTone('neutral')).to.deep.equal({ tone: 'neutral', recognised: true });
  });
});
