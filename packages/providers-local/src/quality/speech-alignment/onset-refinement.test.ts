import { expect } from 'chai';
import { refineOnsets } from './onset-refinement.js';

const RATE = 1000;

describe('refineOnsets', () => {
  // 300 ms of sound, 200 ms of near silence, 300 ms of sound.
  const samples = Int16Array.from({ length: 800 }, (_, index) =>
    index >= 300 && index < 500 ? 20 : index % 2 ? 10_000 : -10_000,
  );

  it('moves a word that starts in a silence to the first sound after it', () => {
    const [word] = refineOnsets([{ startSec: 0.31, endSec: 0.8 }], samples, RATE);
    expect(word?.startSec).to.be.closeTo(0.5, 0.0101);
    expect(word?.endSec).to.equal(0.8);
  });

  it('leaves words that start on sound, words not placed, and silent words alone', () => {
    expect(
      refineOnsets([{ startSec: 0.1, endSec: 0.3 }, undefined, { startSec: 0.32, endSec: 0.45 }], samples, RATE),
    ).to.deep.equal([{ startSec: 0.1, endSec: 0.3 }, undefined, { startSec: 0.32, endSec: 0.45 }]);
  });
});
