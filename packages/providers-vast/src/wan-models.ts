import type { OutputFormat } from '@looply/core';

export const WAN_MODELS = ['ti2v-5b', 't2v-a14b'] as const;
export type WanModel = (typeof WAN_MODELS)[number];

/** T2V-A14B renders 480p or 720p; TI2V-5B only 704p. */
export const WAN_A14B_RESOLUTIONS = ['480p', '720p'] as const;
export type WanA14BResolution = (typeof WAN_A14B_RESOLUTIONS)[number];

export interface WanClipFormat {
  model: WanModel;
  width: number;
  height: number;
  /** Always 4n+1: WAN's VAE compresses 4 frames into one latent after the first. */
  frames: number;
  fps: number;
}

/** Official defaults (Wan-Video/Wan2.2 configs): 5B is 121 frames at 24 fps, A14B 81 frames at 16 fps. */
const MODEL_DEFAULTS: Record<WanModel, { frames: number; fps: number }> = {
  'ti2v-5b': { frames: 121, fps: 24 },
  't2v-a14b': { frames: 81, fps: 16 },
};

/** Landscape sizes (width x height) each model was trained on; portrait swaps them. */
const LANDSCAPE_SIZES: Record<WanModel | `t2v-a14b-${WanA14BResolution}`, [number, number]> = {
  'ti2v-5b': [1280, 704],
  't2v-a14b': [832, 480],
  't2v-a14b-480p': [832, 480],
  't2v-a14b-720p': [1280, 720],
};

/** Rounds a frame count to the nearest 4n+1 at or above 5. */
export function toWanFrameCount(frames: number): number {
  const n = Math.max(1, Math.round((frames - 1) / 4));
  return n * 4 + 1;
}

/**
 * The clip WAN makes for an output: the model's trained size in the output's orientation (square
 * outputs get the short side squared, as the Vast WAN example's 640x640), its default frame count and fps.
 */
export function wanClipFormat(
  model: WanModel,
  output: OutputFormat,
  options: { a14bResolution?: WanA14BResolution; frames?: number } = {},
): WanClipFormat {
  const [long, short] =
    model === 't2v-a14b' ? LANDSCAPE_SIZES[`t2v-a14b-${options.a14bResolution ?? '480p'}`] : LANDSCAPE_SIZES[model];
  const defaults = MODEL_DEFAULTS[model];
  const [width, height] =
    output.width === output.height ? [short, short] : output.height > output.width ? [short, long] : [long, short];
  return {
    model,
    width,
    height,
    frames: toWanFrameCount(options.frames ?? defaults.frames),
    fps: defaults.fps,
  };
}
