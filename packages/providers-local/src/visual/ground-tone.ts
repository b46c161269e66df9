import type { SKRSContext2D } from '@napi-rs/canvas';
import { css, darken, mixColours, type Rgb } from './colour.js';
import type { SceneComposition } from './scene-composition.js';
import type { SeededRandom } from './seeded-random.js';

/** Silhouette colour by depth: 0 is far (hazy, tinted by the sky), 1 is near (close to the ground tone). */
export function tone(composition: SceneComposition, depth: number): Rgb {
  const { colours } = composition;
  const farTone = mixColours(mixColours(colours.far, colours.lead, 0.3), colours.deep, 0.1);
  const nearTone = colours.light
    ? mixColours(colours.far, colours.text, 0.2)
    : darken(mixColours(colours.deep, colours.lead, 0.08), 0.3);
  return mixColours(farTone, nearTone, depth);
}

/** The ground below `top`: a low-contrast gradient, the sky's light spilling on it, and faint receding swells. */
export function fillGround(context: SKRSContext2D, composition: SceneComposition, top: number): void {
  const { width, height, colours, focusX } = composition;
  const gradient = context.createLinearGradient(0, top, 0, height);
  gradient.addColorStop(0, css(tone(composition, 0.8)));
  gradient.addColorStop(1, css(tone(composition, 1)));
  context.fillStyle = gradient;
  context.fillRect(0, top, width, height - top);
  // The sky's light spilling on the ground, and a few faint receding swells: calm, not flat.
  const spill = context.createRadialGradient(focusX, top, 0, focusX, top, width * 0.7);
  spill.addColorStop(0, css(mixColours(colours.far, colours.lead, 0.5), 0.28));
  spill.addColorStop(1, css(colours.lead, 0));
  context.fillStyle = spill;
  context.fillRect(0, top, width, height - top);
  for (let swell = 1; swell <= 3; swell += 1) {
    const y = top + (height - top) * (swell / 4) ** 1.4;
    const swellGradient = context.createLinearGradient(0, y, 0, y + height * 0.05);
    swellGradient.addColorStop(0, css(tone(composition, 0.55), 0.18));
    swellGradient.addColorStop(1, css(tone(composition, 0.55), 0));
    context.fillStyle = swellGradient;
    context.beginPath();
    context.moveTo(0, y + height * 0.05);
    context.quadraticCurveTo(width * (0.2 + swell * 0.2), y - height * 0.012, width, y + height * 0.05);
    context.closePath();
    context.fill();
  }
}

/** Traces (does not fill) a gently rolling ridge line around `baseY` down to the bottom edge. */
export function ridge(
  context: SKRSContext2D,
  composition: SceneComposition,
  baseY: number,
  amplitude: number,
  random: SeededRandom,
): void {
  const { width, height } = composition;
  const frequency = random.between(1, 2.4);
  const phase = random.between(0, Math.PI * 2);
  context.beginPath();
  context.moveTo(0, height);
  for (let step = 0; step <= 40; step += 1) {
    const x = (width * step) / 40;
    context.lineTo(x, baseY - amplitude * (0.5 + 0.5 * Math.sin((x / width) * Math.PI * frequency + phase)));
  }
  context.lineTo(width, height);
  context.closePath();
}
