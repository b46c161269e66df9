import type { SKRSContext2D } from '@napi-rs/canvas';
import { css, darken, lighten, mixColours, type Rgb } from './colour.js';
import type { SceneComposition } from './scene-composition.js';
import type { SeededRandom } from './seeded-random.js';

type GroundDrawer = (context: SKRSContext2D, composition: SceneComposition, random: SeededRandom) => void;

/**
 * Draws the ground motif the prompt asked for, standing on the horizon. Below the horizon the
 * ground is a low-contrast fill, since captions are burned over the lower third later.
 */
export function drawGroundMotif(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  if (composition.motifs.ground) GROUND_DRAWERS[composition.motifs.ground](context, composition, random);
}

const GROUND_DRAWERS: Record<NonNullable<SceneComposition['motifs']['ground']>, GroundDrawer> = {
  waves: drawWaves,
  skyline: drawSkyline,
  trees: drawTrees,
  mountains: drawMountains,
  turbines: drawTurbines,
  panels: drawPanels,
  hills: drawHills,
};

/** Silhouette colour by depth: 0 is far (hazy, tinted by the sky), 1 is near (close to the ground tone). */
function tone(composition: SceneComposition, depth: number): Rgb {
  const { colours } = composition;
  const farTone = mixColours(mixColours(colours.far, colours.lead, 0.3), colours.deep, 0.1);
  const nearTone = colours.light
    ? mixColours(colours.far, colours.text, 0.2)
    : darken(mixColours(colours.deep, colours.lead, 0.08), 0.3);
  return mixColours(farTone, nearTone, depth);
}

function fillGround(context: SKRSContext2D, composition: SceneComposition, top: number): void {
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

function ridge(
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

function drawHills(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { height, horizonY } = composition;
  for (let layer = 0; layer < 3; layer += 1) {
    ridge(context, composition, horizonY + layer * height * 0.025, height * random.between(0.03, 0.07), random);
    context.fillStyle = css(tone(composition, 0.3 + layer * 0.3));
    context.fill();
  }
  fillGround(context, composition, horizonY + height * 0.06);
}

function drawWaves(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
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

function drawSkyline(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, horizonY, colours } = composition;
  const window = lighten(mixColours(colours.second, colours.lead, 0.3), 0.3);
  const rows: Array<{ depth: number; minimum: number; maximum: number; widthRange: [number, number] }> = [
    { depth: 0.25, minimum: 0.08, maximum: 0.24, widthRange: [0.04, 0.08] },
    { depth: 0.7, minimum: 0.04, maximum: 0.15, widthRange: [0.06, 0.12] },
  ];
  for (const row of rows) {
    let x = -random.between(0, 0.05) * width;
    const colour = tone(composition, row.depth);
    while (x < width) {
      const buildingWidth = width * random.between(...row.widthRange);
      const buildingHeight = height * random.between(row.minimum, row.maximum);
      const top = horizonY - buildingHeight;
      context.fillStyle = css(colour);
      context.fillRect(x, top, buildingWidth - width * 0.004, buildingHeight + 2);
      if (random.chance(0.2))
        context.fillRect(x + buildingWidth * 0.45, top - height * 0.025, Math.max(2, width * 0.003), height * 0.025);
      if (row.depth > 0.5 && random.chance(0.75)) {
        // Lit windows: a sparse grid in the palette's warm colour.
        const size = width * 0.009;
        for (let windowY = top + size * 2; windowY < horizonY - size * 2; windowY += size * 2.6) {
          for (let windowX = x + size * 1.5; windowX < x + buildingWidth - size * 2; windowX += size * 2.4) {
            if (!random.chance(0.3)) continue;
            context.fillStyle = css(window, random.between(0.35, 0.8));
            context.fillRect(windowX, windowY, size, size * 1.3);
          }
        }
        context.fillStyle = css(colour);
      }
      x += buildingWidth;
    }
  }
  fillGround(context, composition, horizonY);
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

function drawTrees(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
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

function drawMountains(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
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

function drawTurbines(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, horizonY, colours } = composition;
  ridge(context, composition, horizonY, height * 0.03, random);
  context.fillStyle = css(tone(composition, 0.35));
  context.fill();
  const white = colours.light
    ? mixColours(colours.far, colours.text, 0.45)
    : lighten(mixColours(colours.text, colours.far, 0.2), 0.1);
  const count = random.integer(3, 5);
  for (let index = 0; index < count; index += 1) {
    const x = ((index + random.between(0.2, 0.8)) / count) * width;
    const near = random.between(0.5, 1);
    const towerHeight = height * 0.24 * near;
    const baseY = horizonY + height * 0.01;
    const hubY = baseY - towerHeight;
    const alpha = 0.6 + near * 0.35;
    context.fillStyle = css(white, alpha);
    context.beginPath();
    context.moveTo(x - width * 0.006 * near, baseY);
    context.lineTo(x - width * 0.002 * near, hubY);
    context.lineTo(x + width * 0.002 * near, hubY);
    context.lineTo(x + width * 0.006 * near, baseY);
    context.closePath();
    context.fill();
    const blade = towerHeight * 0.48;
    const turn = random.between(0, Math.PI * 2);
    for (let bladeIndex = 0; bladeIndex < 3; bladeIndex += 1) {
      const angle = turn + (bladeIndex * Math.PI * 2) / 3;
      const tipX = x + Math.cos(angle) * blade;
      const tipY = hubY + Math.sin(angle) * blade;
      const normalX = -Math.sin(angle) * width * 0.007 * near;
      const normalY = Math.cos(angle) * width * 0.007 * near;
      context.beginPath();
      context.moveTo(x + normalX, hubY + normalY);
      context.quadraticCurveTo(
        x + Math.cos(angle) * blade * 0.4 + normalX * 1.3,
        hubY + Math.sin(angle) * blade * 0.4 + normalY * 1.3,
        tipX,
        tipY,
      );
      context.lineTo(x - normalX * 0.4, hubY - normalY * 0.4);
      context.closePath();
      context.fill();
    }
    context.beginPath();
    context.arc(x, hubY, width * 0.008 * near, 0, Math.PI * 2);
    context.fill();
  }
  ridge(context, composition, horizonY + height * 0.04, height * 0.02, random);
  context.fillStyle = css(tone(composition, 0.75));
  context.fill();
  fillGround(context, composition, horizonY + height * 0.06);
}

function drawPanels(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { width, height, horizonY, colours } = composition;
  fillGround(context, composition, horizonY);
  const cell = darken(mixColours(colours.deep, colours.primary, 0.3), 0.25);
  const shine = lighten(mixColours(colours.lead, colours.second, 0.25), 0.4);
  const frame = lighten(mixColours(colours.far, colours.text, 0.3), 0.1);
  const rows = random.integer(3, 4);
  const lean = random.between(-0.6, 0.6);
  const spread = (height * 0.1) / rows;
  for (let row = 0; row < rows; row += 1) {
    // Rows nearer the viewer are lower, taller and wider.
    const depth = (row + 1) / rows;
    const panelHeight = spread * (0.45 + depth * 0.5);
    const top = horizonY - spread * 0.4 + height * 0.1 * depth ** 1.5 - panelHeight;
    const panelWidth = width * (0.09 + depth * 0.14);
    const slant = panelHeight * lean;
    const gap = panelWidth * 0.05;
    const legHeight = panelHeight * 0.45;
    for (let x = -random.between(0, panelWidth); x < width + panelWidth; x += panelWidth + gap) {
      context.fillStyle = css(tone(composition, 0.95));
      context.fillRect(x + panelWidth * 0.2, top + panelHeight, Math.max(2, width * 0.003 * depth), legHeight);
      context.fillRect(x + panelWidth * 0.75, top + panelHeight, Math.max(2, width * 0.003 * depth), legHeight);
      const gradient = context.createLinearGradient(x, top, x + panelWidth, top + panelHeight);
      gradient.addColorStop(0, css(mixColours(cell, shine, 0.5)));
      gradient.addColorStop(0.5, css(cell));
      gradient.addColorStop(1, css(mixColours(cell, shine, 0.2)));
      context.fillStyle = gradient;
      context.beginPath();
      context.moveTo(x + slant, top);
      context.lineTo(x + panelWidth + slant, top);
      context.lineTo(x + panelWidth, top + panelHeight);
      context.lineTo(x, top + panelHeight);
      context.closePath();
      context.fill();
      context.strokeStyle = css(frame, 0.55);
      context.lineWidth = Math.max(1, width * 0.0015 * depth);
      context.stroke();
      // The cell grid: columns follow the slant, one row line across the middle.
      context.strokeStyle = css(shine, 0.28);
      context.beginPath();
      for (let line = 1; line < 6; line += 1) {
        const t = line / 6;
        context.moveTo(x + slant + panelWidth * t, top);
        context.lineTo(x + panelWidth * t, top + panelHeight);
      }
      context.moveTo(x + slant / 2, top + panelHeight / 2);
      context.lineTo(x + panelWidth + slant / 2, top + panelHeight / 2);
      context.stroke();
    }
  }
}
