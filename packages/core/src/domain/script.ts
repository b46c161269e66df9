import { z } from 'zod';
import { languageTagSchema } from './brief.js';

/** A WAN-2.2-style visual prompt: subject, action, setting, lighting, camera motion; plus what to avoid. */
export const visualPromptSchema = z.strictObject({
  positive: z.string().trim().min(1).max(2000),
  negative: z.string().trim().max(2000),
});
export type VisualPrompt = z.infer<typeof visualPromptSchema>;

export const sceneSchema = z.strictObject({
  narration: z.string().trim().min(1).max(2000),
  durationHintSec: z.number().positive().max(180),
  visual: visualPromptSchema,
});
export type Scene = z.infer<typeof sceneSchema>;

export const scriptSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  language: languageTagSchema,
  scenes: z.array(sceneSchema).min(1).max(60),
});
export type Script = z.infer<typeof scriptSchema>;
