import { expect } from 'chai';
import type { TimelineCaption } from '@looply/core';
import { DUCKING_RAMP_SEC, duckingGainAt, duckingVolumeExpression, speechIntervals } from './ducking-envelope.js';

function captionOf(words: Array<[string, number, number]>): TimelineCaption {
  return {
    startSec: words[0][1],
    endSec: words[words.length - 1][2],
    lines: [words.map(([text]) => text).join(' ')],
    words: words.map(([text, startSec, endSec]) => ({ text, startSec, endSec })),
    sceneIndex: 0,
  };
}

const narration = { artifact: { key: 'n.wav', contentType: 'audio/wav' }, startSec: 0.5, lengthSec: 6, volume: 1 };

describe('speechIntervals', () => {
  it('merges words across short pauses and keeps long pauses open, shifted by the narration start', () => {
    const captions = [
      captionOf([
        ['one', 0, 0.4],
        ['two', 0.5, 0.9],
      ]),
      captionOf([
        ['three', 1.3, 1.6],
        ['four', 3.0, 3.4],
      ]),
    ];
    expect(speechIntervals({ captions, narration })).to.deep.equal([
      { startSec: 0.5, endSec: 2.1 },
      { startSec: 3.5, endSec: 3.9 },
    ]);
  });

  it('covers the whole narration when there are no captions to time the speech', () => {
    expect(speechIntervals({ captions: [], narration })).to.deep.equal([{ startSec: 0.5, endSec: 6.5 }]);
  });
});

describe('duckingVolumeExpression', () => {
  it('is fully ducked during speech, back to the music volume away from it, ramping in between', () => {
    const intervals = [{ startSec: 1, endSec: 2 }];
    const ducked = 0.4 * 10 ** (-15 / 20);
    expect(duckingGainAt(intervals, 0.4, -15, 0.5)).to.be.closeTo(0.4, 1e-12);
    expect(duckingGainAt(intervals, 0.4, -15, 1)).to.be.closeTo(ducked, 1e-12);
    expect(duckingGainAt(intervals, 0.4, -15, 1.5)).to.be.closeTo(ducked, 1e-12);
    expect(duckingGainAt(intervals, 0.4, -15, 2)).to.be.closeTo(ducked, 1e-12);
    expect(duckingGainAt(intervals, 0.4, -15, 2 + DUCKING_RAMP_SEC / 2)).to.be.within(ducked, 0.4);
    expect(duckingGainAt(intervals, 0.4, -15, 2.5)).to.be.closeTo(0.4, 1e-12);
  });

  it('writes the same formula as an ffmpeg expression of t, with negative times parenthesised', () => {
    const expression = duckingVolumeExpression([{ startSec: 0.1, endSec: 2 }], 0.4, -15);
    expect(expression).to.equal('0.4*(1-0.822172*min(1,clip(min((t-(-0.15))/0.25,(2.25-t)/0.25),0,1)))');
    expect(duckingVolumeExpression([], 0.3, -15)).to.equal('0.3');
  });
});
