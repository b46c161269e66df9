import type { SKRSContext2D } from '@napi-rs/canvas';
import type { StyleFont } from '@looply/core';
import { canvasFontFamily } from '../fonts/canvas-fonts.js';
import { css, darken, lighten } from './colour.js';
import type { SceneComposition } from './scene-composition.js';

const MAXIMUM_LINES = 2;

/** Breaks `words` into at most `MAXIMUM_LINES` lines no wider than `maximumWidth`, or undefined. */
function wrap(context: SKRSContext2D, words: string[], maximumWidth: number): string[] | undefined {
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (context.measureText(candidate).width <= maximumWidth) {
      current = candidate;
      continue;
    }
    if (!current) return undefined;
    lines.push(current);
    current = word;
    if (context.measureText(current).width > maximumWidth) return undefined;
  }
  if (current) lines.push(current);
  return lines.length <= MAXIMUM_LINES ? lines : undefined;
}

/**
 * The scene heading in the style's title font, inside the top title-safe margin, with an accent
 * bar under it. Shrinks until it fits in two lines within the 10 % side margins.
 */
export function drawHeading(context: SKRSContext2D, composition: SceneComposition, font: StyleFont): void {
  const { width, height, safeX, safeY, colours, headingAlign } = composition;
  const words = composition.heading.split(/\s+/).filter(Boolean);
  if (words.length === 0) return;
  const unit = Math.min(width, height);
  const maximumWidth = width - safeX * 2;
  const family = canvasFontFamily(font);
  const uppercase = composition.heading === composition.heading.toLocaleUpperCase();

  let size = Math.round(unit * 0.09);
  let lines: string[] | undefined;
  for (; size >= Math.round(unit * 0.04); size = Math.round(size * 0.93)) {
    context.font = `${size}px "${family}"`;
    context.letterSpacing = uppercase ? `${(size * 0.04).toFixed(1)}px` : '0px';
    lines = wrap(context, words, maximumWidth);
    if (lines) break;
  }
  lines ??= [words.join(' ')];

  const lineHeight = size * 1.12;
  const x = headingAlign === 'center' ? width / 2 : safeX;
  context.textAlign = headingAlign === 'center' ? 'center' : 'left';
  context.textBaseline = 'alphabetic';
  context.save();
  context.shadowColor = colours.light ? css(lighten(colours.far, 0.6), 0.6) : css(darken(colours.deep, 0.6), 0.55);
  context.shadowBlur = size * 0.25;
  context.shadowOffsetY = size * 0.04;
  context.fillStyle = css(colours.text);
  let baseline = safeY + size * 0.9;
  for (const line of lines) {
    context.fillText(line, x, baseline, maximumWidth);
    baseline += lineHeight;
  }
  context.restore();

  const barWidth = unit * 0.1;
  const barHeight = Math.max(4, size * 0.09);
  const barY = baseline - lineHeight + size * 0.38;
  context.fillStyle = css(colours.accent);
  context.beginPath();
  context.roundRect(
    headingAlign === 'center' ? width / 2 - barWidth / 2 : safeX,
    barY,
    barWidth,
    barHeight,
    barHeight / 2,
  );
  context.fill();
}
