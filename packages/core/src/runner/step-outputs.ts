import { z } from 'zod';
import { artifactRefSchema } from '../artifacts/artifact-ref.js';
import { narrationSchema } from '../domain/narration.js';
import { sceneVisualSchema } from '../domain/scene-visual.js';
import { scriptSchema, visualPromptSchema } from '../domain/script.js';
import { qualityCheckSchema } from '../quality/quality-report.js';

const warningSchema = z.union([
  z.looseObject({ type: z.literal('unsupported-setting'), setting: z.string(), details: z.string().optional() }),
  z.looseObject({ type: z.literal('other'), message: z.string() }),
]);

/** What a completed step stores in `step_run.output` (the provider result without its usage). */
export const scriptOutputSchema = z.object({ script: scriptSchema, warnings: z.array(warningSchema) });
export const voiceOutputSchema = z.object({ narration: narrationSchema, warnings: z.array(warningSchema) });
export const visualOutputSchema = z.object({ visual: sceneVisualSchema, warnings: z.array(warningSchema) });
export const assemblyOutputSchema = z.object({
  video: artifactRefSchema,
  durationSec: z.number().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  warnings: z.array(warningSchema),
  /** The output check of the rendered video, when the engine has one. */
  quality: qualityCheckSchema.optional(),
});

/** What a visual step is created with at the voice → visual hand-off (`step_run.input`). */
export const visualInputSchema = z.object({
  title: z.string(),
  scene: z.object({
    index: z.number().int().min(0),
    count: z.number().int().min(1),
    narration: z.string(),
    prompt: visualPromptSchema,
    durationSec: z.number().positive(),
  }),
});

export type ScriptOutput = z.infer<typeof scriptOutputSchema>;
export type VoiceOutput = z.infer<typeof voiceOutputSchema>;
export type VisualOutput = z.infer<typeof visualOutputSchema>;
export type AssemblyOutput = z.infer<typeof assemblyOutputSchema>;
export type VisualInput = z.infer<typeof visualInputSchema>;
