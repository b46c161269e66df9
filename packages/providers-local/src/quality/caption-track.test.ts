import { expect } from 'chai';
import type { CaptionPixelRule } from './caption-pixel-mask.js';
import { CaptionTrack } from './caption-track.js';

const WIDTH = 120;
const HEIGHT = 60;
const FONT_SIZE = 20;
const RULE: CaptionPixelRule = {
  width: WIDTH,
  height: HEIGHT,
  brightThreshold: 180,
  darkThreshold: 70,
  reach: 3,
  invert: false,
};

/** A letter-like mark: a 2 px light stroke, 10 px tall, in a dark outline. */
function letter(image: Uint8Array, x: number, y: number): void {
  for (let row = y - 2; row < y + 12; row += 1)
    for (let column = x - 2; column < x + 4; column += 1) image[row * WIDTH + column] = 10;
  for (let row = y; row < y + 10; row += 1)
    for (let column = x; column < x + 2; column += 1) image[row * WIDTH + column] = 250;
}

/** A background with a tall thin light pole (like a wind turbine) at x = 6, always there. */
function frame(captionAt: number | undefined): Uint8Array {
  const image = new Uint8Array(WIDTH * HEIGHT).fill(110);
  for (let row = 5; row < HEIGHT - 5; row += 1) {
    image[row * WIDTH + 5] = 10;
    image[row * WIDTH + 6] = 250;
    image[row * WIDTH + 7] = 250;
    image[row * WIDTH + 8] = 10;
  }
  if (captionAt !== undefined) for (let index = 0; index < 8; index += 1) letter(image, captionAt + index * 8, 25);
  return image;
}

describe('CaptionTrack', () => {
  it('times captions to the frame, the first one shown from frame 0, and keeps the pole out of their box', () => {
    const track = new CaptionTrack({ rule: RULE, fps: 10, startSec: 0, minPixels: 30, fontSizePx: FONT_SIZE });
    for (let index = 0; index < 40; index += 1) {
      const captionAt = index < 12 ? 30 : index >= 20 && index < 31 ? 40 : undefined;
      track.push(frame(captionAt));
    }
    const captions = track.finish();
    expect(captions.map(({ startSec, endSec }) => [startSec, endSec])).to.deep.equal([
      [0, 1.2],
      [2, 3.1],
    ]);
    expect(captions[0].box).to.deep.equal({ left: 30, top: 25, right: 88, bottom: 35 });
    expect(captions[1].box?.left).to.equal(40);
    expect(captions[0].lineCount).to.equal(1);
    expect(captions[0].contrastRatio).to.be.above(15);
  });

  it('sees a change from one caption straight to the next as one leaving and one appearing', () => {
    const track = new CaptionTrack({ rule: RULE, fps: 10, startSec: 1, minPixels: 30, fontSizePx: FONT_SIZE });
    for (let index = 0; index < 30; index += 1) track.push(frame(index < 5 ? undefined : index < 15 ? 30 : 34));
    expect(track.finish().map(({ startSec, endSec }) => [startSec, endSec])).to.deep.equal([
      [1.5, 2.5],
      [2.5, 4],
    ]);
  });
});
