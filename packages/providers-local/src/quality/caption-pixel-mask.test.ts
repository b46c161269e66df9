import { expect } from 'chai';
import { markCaptionPixels, type CaptionPixelRule } from './caption-pixel-mask.js';

const WIDTH = 40;
const HEIGHT = 20;
const RULE: CaptionPixelRule = {
  width: WIDTH,
  height: HEIGHT,
  brightThreshold: 180,
  darkThreshold: 70,
  reach: 3,
  invert: false,
};

function picture(fill: number): Uint8Array {
  return new Uint8Array(WIDTH * HEIGHT).fill(fill);
}

function rectangle(image: Uint8Array, left: number, top: number, right: number, bottom: number, value: number): void {
  for (let y = top; y < bottom; y += 1) for (let x = left; x < right; x += 1) image[y * WIDTH + x] = value;
}

function marked(image: Uint8Array, rule = RULE): { count: number; mask: Uint8Array } {
  const mask = new Uint8Array(WIDTH * HEIGHT);
  const { marked: count } = markCaptionPixels(image, rule, mask, new Uint8Array(WIDTH * HEIGHT));
  return { count, mask };
}

describe('markCaptionPixels', () => {
  it('marks a light stroke edged by a dark outline on both sides', () => {
    const image = picture(120);
    rectangle(image, 8, 4, 14, 16, 0); // outline
    rectangle(image, 10, 6, 12, 14, 255); // stroke, 2 px wide
    const { count, mask } = marked(image);
    expect(count).to.equal(2 * 8);
    expect(mask[8 * WIDTH + 10]).to.equal(1);
    expect(mask[8 * WIDTH + 20]).to.equal(0);
  });

  it('does not mark a light area that borders a dark one on a single side (a sky over a hill)', () => {
    const image = picture(250);
    rectangle(image, 0, 10, WIDTH, HEIGHT, 10);
    expect(marked(image).count).to.equal(0);
  });

  it('does not mark a light stroke wider than twice the reach', () => {
    const image = picture(0);
    rectangle(image, 5, 0, 25, HEIGHT, 255);
    rectangle(image, 0, 0, WIDTH, 2, 255);
    expect(marked(image).count).to.equal(0);
  });

  it('marks dark text with a light outline when inverted', () => {
    const image = picture(120);
    rectangle(image, 8, 4, 14, 16, 255);
    rectangle(image, 10, 6, 12, 14, 0);
    expect(marked(image).count).to.equal(0);
    expect(marked(image, { ...RULE, invert: true }).count).to.equal(16);
  });
});

describe('markCaptionPixels with a tally', () => {
  it('adds the mask to the counts and counts the pixels that changed since the previous mask', () => {
    const image = picture(120);
    rectangle(image, 8, 4, 14, 16, 0);
    rectangle(image, 10, 6, 12, 14, 255);
    const previous = new Uint8Array(WIDTH * HEIGHT);
    previous[0] = 1;
    const counts = new Uint16Array(WIDTH * HEIGHT).fill(2);
    const result = markCaptionPixels(image, RULE, new Uint8Array(WIDTH * HEIGHT), new Uint8Array(WIDTH * HEIGHT), {
      previous,
      counts,
    });
    expect(result).to.deep.equal({ marked: 16, changed: 17 });
    expect(counts[8 * WIDTH + 10]).to.equal(3);
    expect(counts[0]).to.equal(2);
  });
});
