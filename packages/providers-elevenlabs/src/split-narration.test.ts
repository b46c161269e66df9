import { expect } from 'chai';
import { splitNarration } from './split-narration.js';

describe('splitNarration', () => {
  it('keeps a narration within the limit as one trimmed chunk', () => {
    expect(splitNarration('  Solar power is booming.  ', 100)).to.deep.equal(['Solar power is booming.']);
  });

  it('returns no chunk for blank text', () => {
    expect(splitNarration(' \n ', 100)).to.deep.equal([]);
  });

  it('splits at sentence boundaries, packing whole sentences up to the limit', () => {
    const text = 'One sentence here. Another one follows! Is this the third? Yes, the fourth.';
    const chunks = splitNarration(text, 40);
    expect(chunks).to.deep.equal(['One sentence here. Another one follows!', 'Is this the third? Yes, the fourth.']);
  });

  it('never exceeds the limit and loses no word', () => {
    const text = Array.from(
      { length: 40 },
      (_, index) => `Sentence number ${index} talks about panels, wind and storage.`,
    ).join(' ');
    for (const limit of [60, 120, 333, 1000]) {
      const chunks = splitNarration(text, limit);
      for (const chunk of chunks) expect(chunk.length, `chunk "${chunk}"`).to.be.at.most(limit);
      expect(chunks.join(' ').split(/\s+/)).to.deep.equal(text.split(/\s+/));
    }
  });

  it('splits a sentence longer than the limit between words', () => {
    const sentence = 'this sentence goes on and on without any full stop because it is one long breath';
    const chunks = splitNarration(sentence, 25);
    for (const chunk of chunks) expect(chunk.length).to.be.at.most(25);
    expect(chunks.join(' ')).to.equal(sentence);
  });

  it('cuts a single word longer than the limit', () => {
    expect(splitNarration('Supercalifragilistic', 8)).to.deep.equal(['Supercal', 'ifragili', 'stic']);
  });

  it('uses the language for sentence rules without failing on unusual tags', () => {
    expect(splitNarration('Bonjour. Ça va?', 9, 'fr-CA')).to.deep.equal(['Bonjour.', 'Ça va?']);
    expect(splitNarration('Hello there. Bye now.', 13, 'x-not-a-tag')).to.deep.equal(['Hello there.', 'Bye now.']);
  });
});
