import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { css, lighten, mixColours, parseHexColour } from './colour.js';
import type { SceneComposition } from './scene-composition.js';
import type { SeededRandom } from './seeded-random.js';

const SUNLIGHT = parseHexColour('#ffe9b8');

/** Draws the sky motif the prompt asked for (sun, night sky, clouds), above the horizon. */
export function drawSkyMotif(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  switch (composition.motifs.sky) {
    case 'sun':
      // The horizon pattern already sets a sun on the horizon.
      if (composition.pattern !== 'horizon') drawSun(context, composition, random);
      return;
    case 'night':
      drawNightSky(context, composition, random);
      return;
    case 'clouds':
      drawClouds(context, composition, random);
      return;
    case undefined:
      return;
  }
}

function drawSun(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { colours, focusX, focusY, width, height } = composition;
  const radius = Math.min(width, height) * random.between(0.1, 0.15);
  // Sunlight: the palette's warmest colour, softened towards a warm white.
  const warmest = [colours.primary, colours.accent].reduce((best, colour) =>
    colour.red - colour.blue > best.red - best.blue ? colour : best,
  );
  const warm = mixColours(warmest, SUNLIGHT, colours.light ? 0.15 : 0.4);

  const halo = context.createRadialGradient(focusX, focusY, radius * 0.8, focusX, focusY, radius * 4.5);
  halo.addColorStop(0, css(warm, 0.55));
  halo.addColorStop(0.35, css(warm, 0.18));
  halo.addColorStop(1, css(warm, 0));
  context.fillStyle = halo;
  context.fillRect(0, 0, width, height);

  if (random.chance(0.55)) {
    const rays = random.integer(12, 20);
    const turn = random.between(0, Math.PI);
    context.fillStyle = css(warm, 0.1);
    for (let ray = 0; ray < rays; ray += 1) {
      const angle = turn + (ray / rays) * Math.PI * 2;
      const spread = (Math.PI / rays) * 0.45;
      context.beginPath();
      context.moveTo(
        focusX + Math.cos(angle - spread) * radius * 1.3,
        focusY + Math.sin(angle - spread) * radius * 1.3,
      );
      context.lineTo(focusX + Math.cos(angle) * radius * 6, focusY + Math.sin(angle) * radius * 6);
      context.lineTo(
        focusX + Math.cos(angle + spread) * radius * 1.3,
        focusY + Math.sin(angle + spread) * radius * 1.3,
      );
      context.closePath();
      context.fill();
    }
  }

  const disc = context.createRadialGradient(focusX - radius * 0.3, focusY - radius * 0.3, 0, focusX, focusY, radius);
  disc.addColorStop(0, css(lighten(warm, 0.65)));
  disc.addColorStop(1, css(warm));
  context.fillStyle = disc;
  context.beginPath();
  context.arc(focusX, focusY, radius, 0, Math.PI * 2);
  context.fill();
}

function drawNightSky(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { colours, width, height, horizonY, focusX, focusY } = composition;
  const scale = width / 1080;
  const star = colours.light ? colours.text : lighten(colours.text, 0.3);
  const count = random.integer(90, 140);
  for (let index = 0; index < count; index += 1) {
    const x = random.next() * width;
    const y = random.next() ** 1.3 * horizonY;
    const size = scale * random.between(0.8, random.chance(0.1) ? 4 : 2.4);
    context.fillStyle = css(star, random.between(0.35, 0.95));
    context.beginPath();
    context.arc(x, y, size, 0, Math.PI * 2);
    context.fill();
    if (size > 2.8 * scale) {
      context.fillRect(x - size * 4, y - scale * 0.6, size * 8, scale * 1.2);
      context.fillRect(x - scale * 0.6, y - size * 4, scale * 1.2, size * 8);
    }
  }

  // The crescent is cut out on its own small canvas, so the sky gradient behind stays intact.
  const radius = Math.round(Math.min(width, height) * random.between(0.07, 0.1));
  const size = radius * 2 + 4;
  const moon = createCanvas(size, size);
  const moonContext = moon.getContext('2d');
  const glow = context.createRadialGradient(focusX, focusY, radius, focusX, focusY, radius * 3.5);
  glow.addColorStop(0, css(lighten(colours.lead, 0.4), 0.25));
  glow.addColorStop(1, css(colours.lead, 0));
  context.fillStyle = glow;
  context.fillRect(0, 0, width, height);
  moonContext.fillStyle = css(lighten(mixColours(colours.text, colours.second, 0.15), 0.2));
  moonContext.beginPath();
  moonContext.arc(size / 2, size / 2, radius, 0, Math.PI * 2);
  moonContext.fill();
  moonContext.globalCompositeOperation = 'destination-out';
  moonContext.beginPath();
  const side = random.chance(0.5) ? 1 : -1;
  moonContext.arc(size / 2 + side * radius * 0.45, size / 2 - radius * 0.2, radius * 0.85, 0, Math.PI * 2);
  moonContext.fill();
  context.drawImage(moon, Math.round(focusX - size / 2), Math.round(focusY - size / 2));
}

function drawClouds(context: SKRSContext2D, composition: SceneComposition, random: SeededRandom): void {
  const { colours, width, height, horizonY } = composition;
  const count = random.integer(2, 4);
  const cloud = colours.light ? lighten(colours.far, 0.7) : mixColours(colours.text, colours.far, 0.3);
  for (let index = 0; index < count; index += 1) {
    const cloudWidth = width * random.between(0.3, 0.55);
    const left = random.between(-0.15, 0.95) * width - cloudWidth / 2;
    const base = random.between(0.24, 0.5) * (horizonY - height * 0.05) + height * 0.08;
    const puffs = random.integer(4, 6);
    const alpha = random.between(0.5, 0.85) * (1 - index * 0.12);
    const shading = context.createLinearGradient(0, base - cloudWidth * 0.3, 0, base);
    shading.addColorStop(0, css(lighten(cloud, 0.3), alpha));
    shading.addColorStop(1, css(mixColours(cloud, colours.lead, 0.15), alpha * 0.85));
    context.fillStyle = shading;
    context.beginPath();
    for (let puff = 0; puff < puffs; puff += 1) {
      const t = (puff + 0.5) / puffs;
      const radius = cloudWidth * random.between(0.1, 0.2) * (1 - Math.abs(t - 0.5));
      const x = left + t * cloudWidth;
      context.moveTo(x + radius * 1.6, base - radius * 0.6);
      context.arc(x, base - radius * 0.6, radius * 1.6, 0, Math.PI * 2);
    }
    context.roundRect(left, base - cloudWidth * 0.08, cloudWidth, cloudWidth * 0.08, cloudWidth * 0.04);
    context.fill();
  }
}
