import type { SKRSContext2D } from '@napi-rs/canvas';
import { drawPanels, drawSkyline, drawTurbines } from './draw-built-ground.js';
import { drawHills, drawMountains, drawTrees, drawWaves } from './draw-landscape-ground.js';
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
