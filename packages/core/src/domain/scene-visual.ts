import { z } from 'zod';
import { artifactRefSchema } from '../artifacts/artifact-ref.js';

export const sceneVisualSchema = z.strictObject({
  sceneIndex: z.number().int().min(0),
  kind: z.enum(['image', 'video']),
  artifact: artifactRefSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Length of a video clip; absent for stills. */
  durationSec: z.number().positive().optional(),
});
export type SceneVisual = z.infer<typeof sceneVisualSchema>;
