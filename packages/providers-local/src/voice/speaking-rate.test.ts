import { expect } from 'chai';
import { fittedDurationStretch, fittedWordsPerMinute, wordsPerMinuteFor } from './speaking-rate.js';

describe('fittedWordsPerMinute', () => {
  it('keeps the speed when the speech is within 6 % of the target', () => {
    expect(fittedWordsPerMinute(145, 10.5, 10)).to.equal(145);
    expect(fittedWordsPerMinute(145, 9.5, 10)).to.equal(145);
  });

  it('speeds up speech that is too long and slows down speech that is too short, in proportion', () => {
    expect(fittedWordsPerMinute(140, 13, 10)).to.equal(182);
    expect(fittedWordsPerMinute(145, 8, 10)).to.equal(116);
  });

  it('stays within 0.75–1.4× of the nominal speed', () => {
    expect(fittedWordsPerMinute(145, 30, 10)).to.equal(203);
    expect(fittedWordsPerMinute(145, 2, 10)).to.equal(109);
  });

  it('leaves the speed alone when there is nothing to measure', () => {
    expect(fittedWordsPerMinute(145, 0, 10)).to.equal(145);
    expect(fittedWordsPerMinute(145, 10, 0)).to.equal(145);
  });

  it('starts from about 2.5 words per second per language', () => {
    expect(wordsPerMinuteFor('en')).to.equal(145);
    expect(wordsPerMinuteFor('fr-CA')).to.equal(140);
  });
});

describe('fittedDurationStretch', () => {
  it('keeps the pace within 6 % and otherwise stretches durations by the ratio of target to speech', () => {
    expect(fittedDurationStretch(1, 10.5, 10)).to.equal(1);
    expect(fittedDurationStretch(1, 8, 10)).to.equal(1.25);
    expect(fittedDurationStretch(1, 12.5, 10)).to.equal(0.8);
  });

  it('stays within 0.75–1.4× of the voice’s own speed', () => {
    expect(fittedDurationStretch(1, 30, 10)).to.be.closeTo(1 / 1.4, 1e-9);
    expect(fittedDurationStretch(1, 2, 10)).to.be.closeTo(1 / 0.75, 1e-9);
  });
});
