import { expect } from 'chai';
import { findSpeechBounds } from './speech-bounds.js';
import { fakeSpeechWav } from './testing/fake-speech-audio.js';
import { decodeWav } from '@looply/core';

describe('findSpeechBounds', () => {
  it('skips leading and trailing silence', () => {
    const audio = decodeWav(
      fakeSpeechWav('a few spoken words here', { leadingSilenceSec: 0.3, trailingSilenceSec: 0.5 }),
    );
    const bounds = findSpeechBounds(audio);
    expect(bounds.startSec).to.be.closeTo(0.3, 0.02);
    const durationSec = audio.samples.length / audio.sampleRate;
    expect(bounds.endSec).to.be.closeTo(durationSec - 0.5, 0.05);
  });

  it('treats a silent clip as speech throughout', () => {
    expect(findSpeechBounds({ sampleRate: 1000, channels: 1, samples: new Int16Array(2000) })).to.deep.equal({
      startSec: 0,
      endSec: 2,
    });
  });
});
