import type { FramingV1, VisualMotion } from './timeline.js';

/** How far a Ken Burns move zooms: gentle, 1.0 → 1.12. */
export const KEN_BURNS_MAX_SCALE = 1.12;

export const KEN_BURNS_MOVES = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left', 'zoom-in-up', 'pan-down'] as const;
export type KenBurnsMove = (typeof KEN_BURNS_MOVES)[number];

/** At scale s the crop window's centre can travel ±(1 - 1/s)/2; a pan uses most of that room. */
const PAN_OFFSET = (1 - 1 / KEN_BURNS_MAX_SCALE) / 2 - 0.004;

const framing = (scale: number, centerX = 0.5, centerY = 0.5): FramingV1 => ({
  scale,
  centerX: round(centerX),
  centerY: round(centerY),
});

const MOVES: Record<KenBurnsMove, { from: FramingV1; to: FramingV1 }> = {
  'zoom-in': { from: framing(1), to: framing(KEN_BURNS_MAX_SCALE) },
  'pan-right': {
    from: framing(KEN_BURNS_MAX_SCALE, 0.5 - PAN_OFFSET),
    to: framing(KEN_BURNS_MAX_SCALE, 0.5 + PAN_OFFSET),
  },
  'zoom-out': { from: framing(KEN_BURNS_MAX_SCALE), to: framing(1) },
  'pan-left': {
    from: framing(KEN_BURNS_MAX_SCALE, 0.5 + PAN_OFFSET),
    to: framing(KEN_BURNS_MAX_SCALE, 0.5 - PAN_OFFSET),
  },
  'zoom-in-up': { from: framing(1), to: framing(KEN_BURNS_MAX_SCALE, 0.5, 0.5 - PAN_OFFSET / 2) },
  'pan-down': {
    from: framing(KEN_BURNS_MAX_SCALE, 0.5, 0.5 - PAN_OFFSET),
    to: framing(KEN_BURNS_MAX_SCALE, 0.5, 0.5 + PAN_OFFSET),
  },
};

/** The move of scene n: a fixed cycle, so a scene never moves like the one before it and renders are repeatable. */
export function kenBurnsMoveForScene(sceneIndex: number): KenBurnsMove {
  return KEN_BURNS_MOVES[sceneIndex % KEN_BURNS_MOVES.length];
}

/**
 * The Ken Burns motion of a still. Framing is relative to the still once it is cover-fitted to
 * the output's aspect ratio: `scale` 1 shows all of it, centres are 0–1 across it.
 */
export function kenBurnsMotion(move: KenBurnsMove): Extract<VisualMotion, { type: 'ken-burns' }> {
  const { from, to } = MOVES[move];
  return { type: 'ken-burns', from: { ...from }, to: { ...to } };
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
