import { expect } from 'chai';
import { estimateWordTimings } from './estimate-word-timings.js';

describe('estimateWordTimings', () => {
  it('covers the speech span in order, proportional to word length, with longer gaps after sentences', () => {
    const words = estimateWordTimings('Solar panels work. Really well', 2, 1, 4);
    expect(words.map((word) => word.text)).to.deep.equal(['Solar', 'panels', 'work.', 'Really', 'well']);
    expect(words.every((word) => word.sceneIndex === 2)).to.equal(true);
    expect(words[0].startSec).to.equal(1);
    expect(words.at(-1)!.endSec).to.equal(4);
    for (let index = 1; index < words.length; index++)
      expect(words[index].startSec).to.be.at.least(words[index - 1].endSec);
    const length = (index: number) => words[index].endSec - words[index].startSec;
    expect(length(1)).to.be.greaterThan(length(2));
    const gapAfterSentence = words[3].startSec - words[2].endSec;
    const gapBetweenWords = words[1].startSec - words[0].endSec;
    expect(gapAfterSentence).to.be.greaterThan(gapBetweenWords * 3);
  });

  it('returns nothing for empty text or an empty span', () => {
    expect(estimateWordTimings('   ', 0, 0, 1)).to.deep.equal([]);
    expect(estimateWordTimings('word', 0, 1, 1)).to.deep.equal([]);
  });
});
