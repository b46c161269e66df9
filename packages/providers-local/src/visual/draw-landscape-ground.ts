import type { SKRSContext2D } from '@napi-rs/canvas';
import { css, lighten, mixColours } from './colour.js';
import { fillGround, ridge, tone } from './ground-tone.js';
import type { SceneComposition } from './scene-composition.js';
import type { SeededRandom } from './seeded-random.js';

// Natural ground motifs: hills, waves, trees and mountains.

export function drawHills(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { height, horizonY } = composition;
  for (let layer = 0; layer < 3; layer += 1) {
    ridge(context, composition, horizonY + layer * height * 0.025, height * random.between(0.03, 0.07), random);
    context.fillStyle = css(tone(composition, 0.3 + layer * 0.3));
    context.fill();
  }
  fillGround(context, composition, horizonY + height * 0.06);
}

export function drawWaves(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, horizonY, colours, focusX } = composition;
  const water = context.createLinearGradient(0, horizonY, 0, height);
  water.addColorStop(0, css(mixColours(colours.far, colours.lead, 0.4)));
  water.addColorStop(1, css(tone(composition, 1)));
  context.fillStyle = water;
  context.fillRect(0, horizonY, width, height - horizonY);

  if (composition.motifs.sky === 'sun' || composition.motifs.sky === 'night') {
    // Glitter under the sun or moon, fading towards the viewer.
    const glitter = lighten(colours.lead, 0.5);
    for (let line = 0; line < 14; line += 1) {
      const y = horizonY + (height - horizonY) * (line / 14) ** 1.5 * 0.6;
      const half = width * random.between(0.03, 0.1) * (1 + line * 0.08);
      context.fillStyle = css(glitter, 0.45 * (1 - line / 14));
      context.fillRect(
        focusX - half + random.between(-0.02, 0.02) * width,
        y,
        half * 2,
        Math.max(2, height * 0.002 * (1 + line * 0.15)),
      );
    }
  }

  const bands = random.integer(6, 8);
  for (let band = 0; band < bands; band += 1) {
    const depth = (band + 1) / bands;
    const baseY = horizonY + (height - horizonY) * depth ** 1.7 * 0.9;
    const amplitude = height * (0.003 + depth * 0.012);
    const wavelength = width * (0.12 + depth * 0.3);
    const phase = random.between(0, wavelength);
    context.beginPath();
    context.moveTo(0, height);
    for (let x = 0; x <= width + 8; x += 8) {
      context.lineTo(x, baseY + amplitude * Math.sin(((x + phase) / wavelength) * Math.PI * 2));
    }
    context.lineTo(width, height);
    context.closePath();
    context.fillStyle = css(
      mixColours(tone(composition, 0.35 + depth * 0.65), colours.lead, 0.12 * (1 - depth)),
      0.55 + depth * 0.4,
    );
    context.fill();
  }
}

function drawConifer(context: SKRSContext2D, x: number, baseY: number, treeHeight: number): void {
  const tiers = 3;
  for (let tier = 0; tier < tiers; tier += 1) {
    const tierTop = baseY - treeHeight + (tier * treeHeight) / (tiers + 0.6);
    const tierBottom = tierTop + treeHeight * 0.5;
    const half = treeHeight * (0.16 + tier * 0.06);
    context.moveTo(x, tierTop);
    context.lineTo(x + half, tierBottom);
    context.lineTo(x - half, tierBottom);
    context.closePath();
  }
  context.rect(x - treeHeight * 0.025, baseY - treeHeight * 0.12, treeHeight * 0.05, treeHeight * 0.14);
}

function drawRoundTree(context: SKRSContext2D, x: number, baseY: number, treeHeight: number): void {
  const radius = treeHeight * 0.3;
  context.moveTo(x + radius, baseY - treeHeight + radius);
  context.arc(x, baseY - treeHeight + radius, radius, 0, Math.PI * 2);
  context.moveTo(x + radius * 0.8, baseY - treeHeight + radius * 1.5);
  context.arc(x + radius * 0.35, baseY - treeHeight + radius * 1.5, radius * 0.8, 0, Math.PI * 2);
  context.moveTo(x - radius * 0.1, baseY - treeHeight + radius * 1.5);
  context.arc(x - radius * 0.45, baseY - treeHeight + radius * 1.5, radius * 0.75, 0, Math.PI * 2);
  context.rect(x - treeHeight * 0.035, baseY - treeHeight * 0.4, treeHeight * 0.07, treeHeight * 0.42);
}

export function drawTrees(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, horizonY } = composition;
  ridge(context, composition, horizonY, height * 0.02, random);
  context.fillStyle = css(tone(composition, 0.3));
  context.fill();
  const rows = [
    { depth: 0.35, baseY: horizonY + height * 0.005, minimum: 0.05, maximum: 0.1, spacing: 0.035, round: 0.2 },
    { depth: 0.8, baseY: horizonY + height * 0.03, minimum: 0.1, maximum: 0.2, spacing: 0.09, round: 0.45 },
  ];
  for (const row of rows) {
    context.beginPath();
    for (
      let x = -random.between(0, row.spacing) * width;
      x < width + row.spacing * width;
      x += width * row.spacing * random.between(0.7, 1.4)
    ) {
      // Leave a clearing now and then so the row does not read as a wall.
      if (random.chance(0.12)) continue;
      const treeHeight = height * random.between(row.minimum, row.maximum);
      if (random.chance(row.round)) drawRoundTree(context, x, row.baseY, treeHeight);
      else drawConifer(context, x, row.baseY, treeHeight);
    }
    context.fillStyle = css(tone(composition, row.depth));
    context.fill();
  }
  fillGround(context, composition, horizonY + height * 0.03);
}

export function drawMountains(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, horizonY, colours } = composition;
  const ranges = [
    { depth: 0.15, peak: 0.3, snow: true },
    { depth: 0.5, peak: 0.18, snow: false },
    { depth: 0.85, peak: 0.08, snow: false },
  ];
  for (const range of ranges) {
    const points = midpointRidge(random, 6, 0.55);
    const baseY = horizonY + range.depth * height * 0.03;
    const toPoint = (index: number): [number, number] => [
      (index / (points.length - 1)) * width,
      baseY - points[index] * height * range.peak,
    ];
    context.beginPath();
    context.moveTo(0, height);
    points.forEach((_, index) => context.lineTo(...toPoint(index)));
    context.lineTo(width, height);
    context.closePath();
    context.fillStyle = css(tone(composition, range.depth));
    context.fill();
    if (range.snow) {
      // Snow caps: the ridge shifted down and clipped to the mountain itself.
      context.save();
      context.clip();
      context.beginPath();
      points.forEach((_, index) => {
        const [x, y] = toPoint(index);
        if (index === 0) context.moveTo(x, y - 2);
        else context.lineTo(x, y - 2);
      });
      const snowLine = baseY - height * range.peak * 0.68;
      const capDepth = height * range.peak * 0.22;
      for (let index = points.length - 1; index >= 0; index -= 1) {
        const [x, y] = toPoint(index);
        const lower =
          y < snowLine ? Math.min(snowLine, y + capDepth) + random.between(-0.25, 0.25) * capDepth * 0.4 : y - 2;
        context.lineTo(x, lower);
      }
      context.closePath();
      context.fillStyle = css(colours.light ? lighten(colours.far, 0.8) : lighten(colours.text, 0.2), 0.75);
      context.fill();
      context.restore();
    }
  }
  fillGround(context, composition, horizonY + height * 0.03);
}

/** A jagged ridge of heights in [0, 1] by midpoint displacement. */
function midpointRidge(random: SeededRandom, levels: number, roughness: number): number[] {
  let points = [random.between(0.1, 0.5), random.between(0.1, 0.5)];
  let spread = 0.8;
  for (let level = 0; level < levels; level += 1) {
    const next: number[] = [];
    for (let index = 0; index < points.length - 1; index += 1) {
      next.push(points[index], (points[index] + points[index + 1]) / 2 + random.between(-spread, spread) * 0.5);
    }
    next.push(points[points.length - 1]);
    points = next;
    spread *= roughness;
  }
  const lowest = Math.min(...points);
  const highest = Math.max(...points);
  return points.map((point) => (point - lowest) / (highest - lowest || 1));
}
