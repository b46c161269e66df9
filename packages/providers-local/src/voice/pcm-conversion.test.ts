import { expect } from 'chai';
import { resampleLinear, toMono } from './pcm-conversion.js';

describe('PCM conversion', () => {
  it('averages channels into mono', () => {
    expect(
      toMono({ sampleRate: 8000, channels: 2, samples: Int16Array.from([100, 300, -50, 50]) }).samples,
    ).to.deep.equal(Int16Array.from([200, 0]));
  });

  it('leaves audio at the requested rate untouched', () => {
    const audio = { sampleRate: 8000, channels: 1, samples: Int16Array.from([1, 2, 3]) };
    expect(resampleLinear(audio, 8000)).to.equal(audio);
  });

  it('resamples by linear interpolation, keeping the duration', () => {
    const up = resampleLinear({ sampleRate: 2, channels: 1, samples: Int16Array.from([0, 100, 200, 300]) }, 4);
    expect(up.sampleRate).to.equal(4);
    expect([...up.samples]).to.deep.equal([0, 50, 100, 150, 200, 250, 300, 300]);
    const down = resampleLinear(
      { sampleRate: 4, channels: 1, samples: Int16Array.from([0, 50, 100, 150, 200, 250, 300, 350]) },
      2,
    );
    expect([...down.samples]).to.deep.equal([0, 100, 200, 300]);
  });
});
