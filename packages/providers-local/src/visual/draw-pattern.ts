import type { SKRSContext2D } from '@napi-rs/canvas';
import { css, darken, lighten, mixColours, type Rgb } from './colour.js';
import type { SceneComposition } from './scene-composition.js';
import type { SeededRandom } from './seeded-random.js';

type PatternDrawer = (context: SKRSContext2D, composition: SceneComposition, random: SeededRandom) => void;

/**
 * Draws the scene's pattern family. The caller draws it on its own layer and fades that layer
 * out above the caption zone, so patterns may cover the whole frame.
 */
export function drawPattern(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  PATTERN_DRAWERS[composition.pattern](context, composition, random);
}

/** How much of the pattern survives at the bottom of the frame: landscapes keep their ground. */
export function patternFloorOpacity(composition: SceneComposition): number {
  return composition.pattern === 'hills' || composition.pattern === 'horizon' ? 0.6 : 0;
}

const PATTERN_DRAWERS: Record<SceneComposition['pattern'], PatternDrawer> = {
  rings: drawRings,
  hills: drawHills,
  bokeh: drawBokeh,
  bands: drawBands,
  tiles: drawTiles,
  horizon: drawHorizon,
  blobs: drawBlobs,
};

function shapeAlpha(composition: SceneComposition, alpha: number): number {
  return composition.colours.light ? alpha * 0.7 : alpha;
}

function drawRings(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, colours } = composition;
  const offCentre = random.chance(0.35);
  const centreX = offCentre ? random.pick([-0.1, 1.1]) * width : composition.focusX;
  const centreY = offCentre ? random.between(0.15, 0.45) * height : composition.focusY;
  const count = random.integer(7, 12);
  const outer = Math.max(width, height) * random.between(0.7, 1.0);
  const core = context.createRadialGradient(centreX, centreY, 0, centreX, centreY, outer / count);
  core.addColorStop(0, css(lighten(colours.lead, 0.2), shapeAlpha(composition, 0.45)));
  core.addColorStop(1, css(colours.lead, 0));
  context.fillStyle = core;
  context.fillRect(0, 0, width, height);
  for (let ring = 0; ring < count; ring += 1) {
    const radius = (outer * (ring + 1)) / count + random.between(-0.2, 0.2) * (outer / count);
    context.beginPath();
    context.arc(centreX, centreY, Math.max(4, radius), 0, Math.PI * 2);
    context.lineWidth = width * random.between(0.004, ring % 3 === 0 ? 0.03 : 0.012);
    context.strokeStyle = css(
      ring % 2 === 0 ? colours.lead : colours.second,
      shapeAlpha(composition, random.between(0.14, 0.38) * (1 - ring / (count * 1.4))),
    );
    context.stroke();
  }
}

function hillPath(
  context: SKRSContext2D,
  width: number,
  height: number,
  baseY: number,
  amplitude: number,
  random: SeededRandom,
): void {
  const frequency = random.between(1.2, 2.6);
  const phase = random.between(0, Math.PI * 2);
  const frequency2 = random.between(2.5, 5);
  const phase2 = random.between(0, Math.PI * 2);
  context.beginPath();
  context.moveTo(0, height);
  for (let step = 0; step <= 48; step += 1) {
    const x = (width * step) / 48;
    const t = x / width;
    const y =
      baseY -
      amplitude * (0.7 * Math.sin(t * Math.PI * frequency + phase) + 0.3 * Math.sin(t * Math.PI * frequency2 + phase2));
    context.lineTo(x, y);
  }
  context.lineTo(width, height);
  context.closePath();
}

function drawHills(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, colours, horizonY } = composition;
  const layers = random.integer(3, 4);
  for (let layer = 0; layer < layers; layer += 1) {
    const depth = layer / (layers - 1);
    const baseY = horizonY - height * 0.16 + depth * height * 0.2;
    hillPath(context, width, height, baseY, height * random.between(0.025, 0.06), random);
    const tone = mixColours(
      mixColours(colours.far, colours.lead, 0.45 - depth * 0.2),
      colours.light ? colours.text : colours.deep,
      depth * 0.55,
    );
    context.fillStyle = css(tone, shapeAlpha(composition, 0.55 + depth * 0.35));
    context.fill();
  }
}

function drawBokeh(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, colours } = composition;
  const count = random.integer(22, 34);
  const unit = Math.min(width, height);
  for (let circle = 0; circle < count; circle += 1) {
    const x = random.between(-0.05, 1.05) * width;
    const y = random.between(0, 0.7) * height;
    const radius = unit * random.between(0.02, random.chance(0.2) ? 0.16 : 0.08);
    const colour = random.pick<Rgb>([colours.lead, colours.second, lighten(colours.lead, 0.4), colours.text]);
    const alpha = shapeAlpha(composition, random.between(0.18, 0.5));
    const gradient = context.createRadialGradient(x, y, 0, x, y, radius);
    gradient.addColorStop(0, css(colour, alpha));
    gradient.addColorStop(0.7, css(colour, alpha * 0.8));
    gradient.addColorStop(0.92, css(lighten(colour, 0.2), alpha));
    gradient.addColorStop(1, css(colour, 0));
    context.fillStyle = gradient;
    context.beginPath();
    context.arc(x, y, radius, 0, Math.PI * 2);
    context.fill();
  }
}

function drawBands(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, colours } = composition;
  const angle = random.between(0.35, 0.75) * (random.chance(0.5) ? 1 : -1);
  const length = Math.hypot(width, height);
  const count = random.integer(4, 7);
  context.save();
  context.translate(width / 2, height * 0.4);
  context.rotate(angle);
  let offset = -length * 0.45;
  for (let band = 0; band < count; band += 1) {
    const bandWidth = length * random.between(0.03, 0.12);
    const colour = band % 2 === 0 ? colours.lead : colours.second;
    const gradient = context.createLinearGradient(-length / 2, 0, length / 2, 0);
    gradient.addColorStop(0, css(colour, 0));
    gradient.addColorStop(random.between(0.3, 0.6), css(colour, shapeAlpha(composition, random.between(0.2, 0.45))));
    gradient.addColorStop(1, css(colour, 0.02));
    context.fillStyle = gradient;
    context.fillRect(-length / 2, offset, length, bandWidth);
    offset += bandWidth + length * random.between(0.03, 0.12);
  }
  context.restore();
}

function drawTiles(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, colours } = composition;
  const columns = width > height ? random.integer(8, 10) : random.integer(5, 6);
  const size = width / columns;
  const gap = size * random.between(0.08, 0.16);
  const shiftX = random.between(-0.5, 0) * size;
  const shiftY = random.between(-0.5, 0) * size;
  const rows = Math.ceil(height / size) + 1;
  for (let row = 0; row < rows; row += 1) {
    for (let column = 0; column <= columns; column += 1) {
      if (!random.chance(0.72)) continue;
      const x = shiftX + column * size + gap / 2;
      const y = shiftY + row * size + gap / 2;
      const highlight = random.chance(0.07);
      const colour = highlight ? colours.second : random.chance(0.5) ? colours.lead : lighten(colours.lead, 0.3);
      context.fillStyle = css(colour, shapeAlpha(composition, highlight ? 0.45 : random.between(0.05, 0.28)));
      context.beginPath();
      context.roundRect(x, y, size - gap, size - gap, (size - gap) * 0.18);
      context.fill();
    }
  }
}

function drawHorizon(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, colours, horizonY, focusX } = composition;
  const radius = Math.min(width, height) * random.between(0.24, 0.32);
  const disc = context.createLinearGradient(0, horizonY - radius, 0, horizonY);
  disc.addColorStop(0, css(lighten(colours.second, 0.25)));
  disc.addColorStop(1, css(colours.lead));
  context.fillStyle = disc;
  context.beginPath();
  context.arc(focusX, horizonY, radius, Math.PI, 0);
  context.closePath();
  context.fill();
  // Horizontal cuts through the lower half of the disc, thicker towards the horizon.
  context.globalCompositeOperation = 'destination-out';
  for (let cut = 0; cut < 6; cut += 1) {
    const y = horizonY - radius * 0.55 + cut * radius * 0.1;
    context.fillRect(focusX - radius, y, radius * 2, radius * (0.012 + cut * 0.01));
  }
  context.globalCompositeOperation = 'source-over';

  context.fillStyle = css(mixColours(colours.deep, colours.lead, 0.18));
  context.fillRect(0, horizonY, width, height - horizonY);
  // Grid lines fade out before the caption zone.
  const gridFade = context.createLinearGradient(0, horizonY, 0, composition.captionTop + height * 0.08);
  gridFade.addColorStop(0, css(lighten(colours.lead, 0.2), 0.55));
  gridFade.addColorStop(1, css(lighten(colours.lead, 0.2), 0));
  context.strokeStyle = gridFade;
  context.lineWidth = Math.max(2, width * 0.002);
  const lines = random.integer(9, 14);
  for (let line = -lines; line <= lines; line += 1) {
    context.beginPath();
    context.moveTo(focusX + (line * width) / (lines * 6), horizonY);
    context.lineTo(focusX + (line * width * 1.6) / lines, height);
    context.stroke();
  }
  for (let step = 1; step <= 8; step += 1) {
    const y = horizonY + (height - horizonY) * (step / 8) ** 2;
    context.beginPath();
    context.moveTo(0, y);
    context.lineTo(width, y);
    context.stroke();
  }
  context.fillStyle = css(lighten(colours.lead, 0.3), 0.85);
  context.fillRect(0, horizonY - Math.max(2, height * 0.002), width, Math.max(3, height * 0.003));
  const haze = context.createLinearGradient(0, horizonY - height * 0.08, 0, horizonY);
  haze.addColorStop(0, css(colours.lead, 0));
  haze.addColorStop(1, css(darken(colours.lead, 0.1), 0.35));
  context.fillStyle = haze;
  context.fillRect(0, horizonY - height * 0.08, width, height * 0.08);
}

function drawBlobs(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, colours } = composition;
  const unit = Math.min(width, height);
  const count = random.integer(3, 5);
  for (let blob = 0; blob < count; blob += 1) {
    const centreX = random.between(0, 1) * width;
    const centreY = random.between(0.05, 0.6) * height;
    const radius = unit * random.between(0.16, 0.4);
    const points = random.integer(6, 9);
    const outline: Array<[number, number]> = [];
    for (let point = 0; point < points; point += 1) {
      const angle = (point / points) * Math.PI * 2;
      const distance = radius * random.between(0.72, 1.2);
      outline.push([centreX + Math.cos(angle) * distance, centreY + Math.sin(angle) * distance]);
    }
    const gradient = context.createLinearGradient(
      centreX - radius,
      centreY - radius,
      centreX + radius,
      centreY + radius,
    );
    const [from, to] = blob % 2 === 0 ? [colours.lead, colours.second] : [colours.second, colours.lead];
    gradient.addColorStop(0, css(from, shapeAlpha(composition, random.between(0.35, 0.6))));
    gradient.addColorStop(1, css(to, shapeAlpha(composition, random.between(0.1, 0.35))));
    context.fillStyle = gradient;
    context.beginPath();
    const midpoint = (a: [number, number], b: [number, number]): [number, number] => [
      (a[0] + b[0]) / 2,
      (a[1] + b[1]) / 2,
    ];
    const start = midpoint(outline[points - 1], outline[0]);
    context.moveTo(start[0], start[1]);
    for (let point = 0; point < points; point += 1) {
      const next = midpoint(outline[point], outline[(point + 1) % points]);
      context.quadraticCurveTo(outline[point][0], outline[point][1], next[0], next[1]);
    }
    context.closePath();
    context.fill();
  }
}
