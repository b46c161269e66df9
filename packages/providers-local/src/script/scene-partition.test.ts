import { expect } from 'chai';
import { partitionIntoScenes } from './scene-partition.js';

describe('partitionIntoScenes', () => {
  it('splits consecutive sentences into scenes of even word counts', () => {
    expect(partitionIntoScenes([5, 5, 5, 5], 2)).to.deep.equal([
      [0, 1],
      [2, 3],
    ]);
    expect(partitionIntoScenes([10, 2, 3, 5, 10], 3)).to.deep.equal([[0], [1, 2, 3], [4]]);
  });

  it('makes no more scenes than sentences, and at least one', () => {
    expect(partitionIntoScenes([4, 6], 5)).to.deep.equal([[0], [1]]);
    expect(partitionIntoScenes([4, 6], 0)).to.deep.equal([[0, 1]]);
    expect(partitionIntoScenes([], 3)).to.deep.equal([]);
  });

  it('prefers to start scenes on preferred sentences when the lengths allow', () => {
    // The even split starts the second scene at sentence 2, which is not a preferred start; 1 is, and nearly as even.
    expect(partitionIntoScenes([10, 1, 1, 10], 2)).to.deep.equal([
      [0, 1],
      [2, 3],
    ]);
    expect(partitionIntoScenes([10, 1, 1, 10], 2, [true, true, false, false])).to.deep.equal([[0], [1, 2, 3]]);
    // But not at any price: a far more even split wins over a preferred start.
    expect(partitionIntoScenes([6, 5, 5, 6], 2, [true, true, false, false])).to.deep.equal([
      [0, 1],
      [2, 3],
    ]);
  });
});
