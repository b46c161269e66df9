import { createCanvas } from '@napi-rs/canvas';
import type { StyleFont } from '@looply/core';
import { registerCanvasFonts } from '../fonts/canvas-fonts.js';
import { drawBackground } from './draw-background.js';
import { drawCaptionZone } from './draw-caption-zone.js';
import { drawGroundMotif } from './draw-ground-motif.js';
import { drawHeading } from './draw-heading.js';
import { drawPattern, patternFloorOpacity } from './draw-pattern.js';
import { drawSkyMotif } from './draw-sky-motif.js';
import { drawTexture } from './draw-texture.js';
import type { SceneComposition } from './scene-composition.js';
import { createSeededRandom, seedFrom } from './seeded-random.js';

export type StillFormat = { type: 'jpeg'; quality: number } | { type: 'png' };

export interface RenderStillInput {
  composition: SceneComposition;
  titleFont: StyleFont;
  format: StillFormat;
  /** Called between drawing phases; throw from it to stop (used for abort signals). */
  checkpoint?: () => void;
}

/** Draws one still from its composition and encodes it. Same input, same bytes. */
export async function renderStill(input: RenderStillInput): Promise<Buffer> {
  const { composition, checkpoint = () => {} } = input;
  const { width, height, detailSeed } = composition;
  registerCanvasFonts([input.titleFont]);
  // One random stream per layer, so a layer drawing more or less never shifts the others.
  const randomFor = (layer: string) => createSeededRandom(seedFrom(detailSeed, layer));

  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  drawBackground(context, composition);
  checkpoint();

  // The pattern goes on its own layer, faded out above the caption zone.
  const layer = createCanvas(width, height);
  const layerContext = layer.getContext('2d');
  drawPattern(layerContext, composition, randomFor('pattern'));
  const fade = layerContext.createLinearGradient(
    0,
    composition.captionTop - height * 0.15,
    0,
    composition.captionTop + height * 0.1,
  );
  fade.addColorStop(0, 'rgba(0, 0, 0, 1)');
  fade.addColorStop(1, `rgba(0, 0, 0, ${patternFloorOpacity(composition)})`);
  layerContext.globalCompositeOperation = 'destination-in';
  layerContext.fillStyle = fade;
  layerContext.fillRect(0, 0, width, height);
  context.drawImage(layer, 0, 0);
  checkpoint();

  drawSkyMotif(context, composition, randomFor('sky'));
  drawGroundMotif(context, composition, randomFor('ground'));
  checkpoint();
  drawCaptionZone(context, composition);
  drawHeading(context, composition, input.titleFont);
  drawTexture(context, composition);
  checkpoint();

  const encoded =
    input.format.type === 'png' ? await canvas.encode('png') : await canvas.encode('jpeg', input.format.quality);
  checkpoint();
  return encoded;
}
