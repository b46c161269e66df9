import { z } from 'zod';

export const localScriptSettingsSchema = z.strictObject({
  /** Spoken words per second the narration is sized for (2.5 by default, in English and French). */
  wordsPerSecond: z.number().min(1).max(5).optional(),
  /** Target seconds per scene; the scene count is duration / this, at least 2 (6 by default). */
  secondsPerScene: z.number().min(2).max(30).optional(),
});

export type LocalScriptSettings = z.input<typeof localScriptSettingsSchema>;
