import type { SKRSContext2D } from '@napi-rs/canvas';
import { css, lighten, mixColours } from './colour.js';
import type { SceneComposition } from './scene-composition.js';

/** Sky gradient (dark top, light at the horizon, darker again below) and a soft glow at the focus. */
export function drawBackground(context: SKRSContext2D, composition: SceneComposition): void {
  const { width, height, colours, gradientTilt, horizonY } = composition;
  const centreX = width / 2;
  const centreY = height / 2;
  const directionX = Math.sin(gradientTilt);
  const directionY = Math.cos(gradientTilt);
  const reach = (Math.abs(directionX) * width + Math.abs(directionY) * height) / 2;
  const gradient = context.createLinearGradient(
    centreX - directionX * reach,
    centreY - directionY * reach,
    centreX + directionX * reach,
    centreY + directionY * reach,
  );
  gradient.addColorStop(0, css(colours.deep));
  gradient.addColorStop(Math.min(0.9, horizonY / height), css(mixColours(colours.far, colours.lead, 0.12)));
  gradient.addColorStop(1, css(mixColours(colours.deep, colours.far, 0.4)));
  context.fillStyle = gradient;
  context.fillRect(0, 0, width, height);

  const radius = Math.max(width, height) * 0.62;
  const glow = context.createRadialGradient(
    composition.focusX,
    composition.focusY,
    0,
    composition.focusX,
    composition.focusY,
    radius,
  );
  const glowColour = colours.light
    ? mixColours(colours.far, colours.lead, 0.18)
    : lighten(mixColours(colours.far, colours.lead, 0.55), 0.1);
  glow.addColorStop(0, css(glowColour, colours.light ? 0.55 : 0.5));
  glow.addColorStop(0.45, css(glowColour, colours.light ? 0.2 : 0.18));
  glow.addColorStop(1, css(glowColour, 0));
  context.fillStyle = glow;
  context.fillRect(0, 0, width, height);
}
