import { expect } from 'chai';
import type { Timeline } from './timeline.js';
import { timelineSchema } from './timeline-schema.js';

function timeline(): Timeline {
  const artifact = { key: 'a/b.png', contentType: 'image/png' };
  return {
    version: 1,
    title: 'T',
    language: 'en',
    style: 'modern',
    output: { width: 1080, height: 1920, fps: 30 },
    durationSec: 4,
    visuals: [
      { sceneIndex: 0, kind: 'image', artifact, startSec: 0, lengthSec: 1.5, motion: { type: 'none' } },
      {
        sceneIndex: 1,
        kind: 'image',
        artifact,
        startSec: 1.5,
        lengthSec: 2.5,
        motion: {
          type: 'ken-burns',
          from: { scale: 1, centerX: 0.5, centerY: 0.5 },
          to: { scale: 1.12, centerX: 0.5, centerY: 0.5 },
        },
      },
    ],
    narration: { artifact: { key: 'a/n.wav', contentType: 'audio/wav' }, startSec: 0, lengthSec: 3.7, volume: 1 },
    captions: [
      {
        startSec: 0.2,
        endSec: 1,
        lines: ['Hello'],
        words: [{ text: 'Hello', startSec: 0.2, endSec: 0.9 }],
        sceneIndex: 0,
      },
    ],
    captionStyle: {
      font: { family: 'Inter', weight: 800 },
      fontSizePx: 70,
      textColor: '#ffffff',
      outlineColor: '#000000',
      outlineWidthPx: 6,
      safeMarginXPx: 108,
      safeMarginYPx: 192,
      verticalPosition: 0.75,
    },
    loudness: { integratedLufs: -14, truePeakDb: -1.5 },
  };
}

describe('timelineSchema', () => {
  it('accepts a well-formed timeline unchanged', () => {
    expect(timelineSchema.parse(timeline())).to.deep.equal(timeline());
  });

  it('rejects clips that do not abut, or that do not reach the end', () => {
    const gap = timeline();
    gap.visuals[1].startSec = 1.6;
    gap.visuals[1].lengthSec = 2.4;
    expect(() => timelineSchema.parse(gap)).to.throw(/clips must abut: expected 1.5, got 1.6/);
    const short = timeline();
    short.durationSec = 5;
    expect(() => timelineSchema.parse(short)).to.throw(/the clips end at 4 s but the timeline lasts 5 s/);
  });

  it('rejects a caption with more than two lines, a bad colour, or an unknown field', () => {
    const threeLines = timeline();
    threeLines.captions[0].lines = ['a', 'b', 'c'];
    expect(timelineSchema.safeParse(threeLines).success).to.equal(false);
    const colour = timeline();
    colour.captionStyle.textColor = 'white';
    expect(timelineSchema.safeParse(colour).success).to.equal(false);
    expect(timelineSchema.safeParse({ ...timeline(), extra: true }).success).to.equal(false);
  });
});
