import { z } from 'zod';
import { languageTagSchema } from './brief.js';
import { SCENE_ROLES } from '../templates/script-structure.js';

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
  /** Set when the brief has a template: what this scene does in the template's structure. */
  role: z.enum(SCENE_ROLES).optional(),
});
export type Scene = z.infer<typeof sceneSchema>;

export const scriptSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  language: languageTagSchema,
  scenes: z.array(sceneSchema).min(1).max(60),
});
export type Script = z.infer<typeof scriptSchema>;
