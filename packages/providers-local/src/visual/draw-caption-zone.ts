import type { SKRSContext2D } from '@napi-rs/canvas';
import { css, mixColours } from './colour.js';
import type { SceneComposition } from './scene-composition.js';

/**
 * Flattens the lower 35 % towards one calm tone (darker for dark palettes, lighter for light
 * ones), so captions burned there later stay readable whatever was drawn behind them.
 */
export function drawCaptionZone(context: SKRSContext2D, composition: SceneComposition): void {
  const { width, height, captionTop, colours } = composition;
  const start = captionTop - height * 0.08;
  const calm = colours.light ? mixColours(colours.deep, colours.far, 0.5) : mixColours(colours.deep, colours.far, 0.15);
  const gradient = context.createLinearGradient(0, start, 0, height);
  gradient.addColorStop(0, css(calm, 0));
  gradient.addColorStop(0.35, css(calm, colours.light ? 0.3 : 0.3));
  gradient.addColorStop(1, css(calm, colours.light ? 0.5 : 0.5));
  context.fillStyle = gradient;
  context.fillRect(0, start, width, height - start);
}
