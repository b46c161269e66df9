import type { SKRSContext2D } from '@napi-rs/canvas';
import { css, darken, lighten, mixColours } from './colour.js';
import { fillGround, ridge, tone } from './ground-tone.js';
import type { SceneComposition } from './scene-composition.js';
import type { SeededRandom } from './seeded-random.js';

// Built ground motifs: a city skyline, wind turbines and solar panels.

export function drawSkyline(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
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

export function drawTurbines(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
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

export function drawPanels(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
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
