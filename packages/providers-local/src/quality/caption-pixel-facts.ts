import type { CaptionPixelRule } from './caption-pixel-mask.js';

export interface PixelBox {
  left: number;
  top: number;
  /** Exclusive. */
  right: number;
  /** Exclusive. */
  bottom: number;
}

/** What one caption's pixels show. */
export interface CaptionPixelFacts {
  pixelCount: number;
  /** Where the caption's pixels are, on its text lines (the outermost 0.3 % on each side ignored as strays). */
  box: PixelBox | undefined;
  /** Text lines: dense bands of caption pixels stacked vertically. */
  lineCount: number;
  /** WCAG contrast ratio between the text and its outline (or box), 1–21. */
  contrastRatio: number;
}

const STRAY_SHARE = 0.003;
/** A row belongs to a line's core (x-height) when it holds this share of the densest row. */
const DENSE_ROW_SHARE = 0.3;
/** Dense bands closer than this (in font sizes) are one line; thinner ones are not a line. */
const LINE_GAP_EM = 0.3;
const LINE_MIN_EM = 0.12;
/** Ascenders, descenders and accents reach this far (in font sizes) beyond a line's dense band. */
const LINE_SPILL_EM = 0.45;

/**
 * Counts, locates and measures one caption from its pixel mask and a picture of it: how many text
 * lines it stacks (dense bands of pixels), the box of its pixels on those lines (a stray bright
 * speck above or below the text is not the caption), and the contrast of text against outline
 * (the mean text value against the mean of the darkest value within reach of each text pixel).
 */
export function describeCaptionPixels(
  mask: Uint8Array,
  picture: Uint8Array,
  rule: CaptionPixelRule,
  fontSizePx: number,
): CaptionPixelFacts {
  const { width, height, reach, invert } = rule;
  const allRows = new Uint32Array(height);
  for (let y = 0; y < height; y += 1) for (let x = 0; x < width; x += 1) allRows[y] += mask[y * width + x];
  const bands = lineBands(allRows, fontSizePx);
  const onLine = new Uint8Array(height);
  const spill = Math.round(fontSizePx * LINE_SPILL_EM);
  for (const [start, end] of bands)
    for (let y = Math.max(0, start - spill); y < Math.min(height, end + spill); y += 1) onLine[y] = 1;

  const rows = new Uint32Array(height);
  const columns = new Uint32Array(width);
  let pixelCount = 0;
  let textSum = 0;
  let outlineSum = 0;
  for (let y = 0; y < height; y += 1) {
    if (!onLine[y]) continue;
    for (let x = 0; x < width; x += 1) {
      const index = y * width + x;
      if (!mask[index]) continue;
      pixelCount += 1;
      rows[y] += 1;
      columns[x] += 1;
      textSum += seen(picture[index], invert);
      outlineSum += darkestWithin(picture, width, height, x, y, reach, invert);
    }
  }
  if (pixelCount === 0) return { pixelCount, box: undefined, lineCount: 0, contrastRatio: 1 };

  const [left, right] = trimmedRange(columns, pixelCount);
  const [top, bottom] = trimmedRange(rows, pixelCount);
  const text = textSum / pixelCount;
  const outline = outlineSum / pixelCount;
  return {
    pixelCount,
    box: { left, top, right, bottom },
    lineCount: bands.length,
    contrastRatio: contrast(invert ? 255 - text : text, invert ? 255 - outline : outline),
  };
}

function seen(value: number, invert: boolean): number {
  return invert ? 255 - value : value;
}

function darkestWithin(
  picture: Uint8Array,
  width: number,
  height: number,
  x: number,
  y: number,
  reach: number,
  invert: boolean,
): number {
  let darkest = 255;
  for (let row = Math.max(0, y - reach); row <= Math.min(height - 1, y + reach); row += 1) {
    for (let column = Math.max(0, x - reach); column <= Math.min(width - 1, x + reach); column += 1) {
      const value = seen(picture[row * width + column], invert);
      if (value < darkest) darkest = value;
    }
  }
  return darkest;
}

/** First and last (exclusive) index holding the counts once the outermost strays are dropped. */
function trimmedRange(counts: Uint32Array, total: number): [number, number] {
  const stray = Math.floor(total * STRAY_SHARE);
  let start = 0;
  for (let seenSoFar = 0; start < counts.length; start += 1) {
    seenSoFar += counts[start];
    if (seenSoFar > stray) break;
  }
  let end = counts.length - 1;
  for (let seenSoFar = 0; end > start; end -= 1) {
    seenSoFar += counts[end];
    if (seenSoFar > stray) break;
  }
  return [start, end + 1];
}

/** Rows [start, end) of each text line: dense bands of rows, close ones joined, thin ones dropped. */
function lineBands(rows: Uint32Array, fontSizePx: number): [number, number][] {
  const densest = Math.max(0, ...rows);
  const bands: [number, number][] = [];
  if (densest === 0) return bands;
  for (let y = 0; y < rows.length; y += 1) {
    if (rows[y] < densest * DENSE_ROW_SHARE) continue;
    const last = bands.at(-1);
    if (last && y - last[1] <= fontSizePx * LINE_GAP_EM) last[1] = y + 1;
    else bands.push([y, y + 1]);
  }
  return bands.filter(([start, end]) => end - start >= fontSizePx * LINE_MIN_EM);
}

/** WCAG contrast of two gray values taken as sRGB-encoded. */
export function contrast(first: number, second: number): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

function luminance(value: number): number {
  const channel = Math.min(255, Math.max(0, value)) / 255;
  return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}
