import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { css, darken } from './colour.js';
import type { SceneComposition } from './scene-composition.js';
import { createSeededRandom } from './seeded-random.js';

const GRAIN_TILE_SIZE = 192;
const GRAIN_SEED = 0x6c6f6f70;
let grainTile: Canvas | undefined;

/** A tile of neutral grey noise (mean 128), made once: overlaid, it adds grain without shifting tones. */
function grain(): Canvas {
  if (!grainTile) {
    const random = createSeededRandom(GRAIN_SEED);
    const tile = createCanvas(GRAIN_TILE_SIZE, GRAIN_TILE_SIZE);
    const tileContext = tile.getContext('2d');
    const image = tileContext.createImageData(GRAIN_TILE_SIZE, GRAIN_TILE_SIZE);
    for (let offset = 0; offset < image.data.length; offset += 4) {
      // Sum of two uniforms: a triangular distribution, softer than uniform noise.
      const value = 128 + (random.next() + random.next() - 1) * 110;
      image.data[offset] = value;
      image.data[offset + 1] = value;
      image.data[offset + 2] = value;
      image.data[offset + 3] = 255;
    }
    tileContext.putImageData(image, 0, 0);
    grainTile = tile;
  }
  return grainTile;
}

/**
 * Vignette and film grain. Both survive a Ken Burns zoom well: the vignette keeps the eye in the
 * frame, the grain hides gradient banding after video compression.
 */
export function drawTexture(context: SKRSContext2D, composition: SceneComposition): void {
  const { width, height, colours } = composition;
  const centreX = width / 2;
  const centreY = height * 0.45;
  const outer = Math.hypot(width, height) * 0.58;
  const vignette = context.createRadialGradient(
    centreX,
    centreY,
    Math.min(width, height) * 0.35,
    centreX,
    centreY,
    outer,
  );
  const shade = darken(colours.deep, colours.light ? 0.25 : 0.6);
  vignette.addColorStop(0, css(shade, 0));
  vignette.addColorStop(1, css(shade, colours.light ? 0.12 : 0.45));
  context.fillStyle = vignette;
  context.fillRect(0, 0, width, height);

  const pattern = context.createPattern(grain(), 'repeat');
  if (!pattern) throw new Error('Could not create the grain pattern.');
  context.save();
  context.globalCompositeOperation = 'overlay';
  context.globalAlpha = 0.07;
  context.fillStyle = pattern;
  context.fillRect(0, 0, width, height);
  context.restore();
}
