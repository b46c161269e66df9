import { createCanvas } from '@napi-rs/canvas';
import type { StyleFont } from '@looply/core';
import { canvasFontFamily, registerCanvasFonts } from '../fonts/canvas-fonts.js';
import type { MeasureLine } from './ass-subtitles.js';

/** Measures caption lines with the real font file (skia through @napi-rs/canvas). */
export function canvasLineMeasure(font: StyleFont): MeasureLine {
  registerCanvasFonts([font]);
  const context = createCanvas(8, 8).getContext('2d');
  const family = canvasFontFamily(font);
  return (text, fontSizePx) => {
    context.font = `${fontSizePx}px "${family}"`;
    return context.measureText(text).width;
  };
}
