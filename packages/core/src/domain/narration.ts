import { z } from 'zod';
import { artifactRefSchema } from '../artifacts/artifact-ref.js';

export const wordTimingSchema = z.strictObject({
  text: z.string().min(1),
  startSec: z.number().min(0),
  endSec: z.number().min(0),
  sceneIndex: z.number().int().min(0),
});
export type WordTiming = z.infer<typeof wordTimingSchema>;

export const sceneTimingSchema = z.strictObject({
  startSec: z.number().min(0),
  endSec: z.number().min(0),
});
export type SceneTiming = z.infer<typeof sceneTimingSchema>;

/**
 * The voiced script: one audio artifact, per-scene boundaries (the scene cuts follow them)
 * and word timings (exact when the vendor gives them, estimated within each scene otherwise).
 */
export const narrationSchema = z.strictObject({
  audio: artifactRefSchema,
  durationSec: z.number().positive(),
  scenes: z.array(sceneTimingSchema).min(1),
  words: z.array(wordTimingSchema),
  /** True when word timings came from the vendor's alignment, false when estimated. */
  wordTimingsExact: z.boolean(),
});
export type Narration = z.infer<typeof narrationSchema>;
