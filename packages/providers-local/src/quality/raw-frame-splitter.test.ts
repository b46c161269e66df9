import { expect } from 'chai';
import { RawFrameSplitter } from './raw-frame-splitter.js';

describe('RawFrameSplitter', () => {
  it('hands out whole frames whatever the chunk boundaries, and reports a partial last frame', () => {
    const frames: number[][] = [];
    const splitter = new RawFrameSplitter(3, (frame, index) => frames.push([index, ...frame]));
    splitter.push(Uint8Array.from([1, 2]));
    splitter.push(Uint8Array.from([3, 4, 5, 6, 7]));
    splitter.push(Uint8Array.from([8]));
    expect(frames).to.deep.equal([
      [0, 1, 2, 3],
      [1, 4, 5, 6],
    ]);
    expect(splitter.count).to.equal(2);
    expect(splitter.leftoverBytes).to.equal(2);
  });
});
