import { audioDurationSec } from '@looply/core';
import { expect } from 'chai';
import { concatenatePcm } from './concatenate-pcm.js';

describe('concatenatePcm', () => {
  it('joins clips with pauses and measures the duration exactly', () => {
    const clip = { sampleRate: 1000, channels: 1, samples: new Int16Array(500).fill(100) };
    const joined = concatenatePcm([clip, clip, clip], 0.25);
    expect(audioDurationSec(joined)).to.equal(0.5 * 3 + 0.25 * 2);
    expect(joined.samples[600]).to.equal(0);
    expect(joined.samples[750]).to.equal(100);
    expect(() => concatenatePcm([clip, { ...clip, sampleRate: 2000 }], 0)).to.throw(/clip 1 is 2000 Hz/);
  });
});
