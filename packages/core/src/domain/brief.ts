import { z } from 'zod';
import { STYLE_IDS } from '../styles/style-catalogue.js';
import { appliedTemplateSchema } from '../templates/script-structure.js';
import { CAPTION_HIGHLIGHTS, CAPTION_POSITIONS, CAPTION_PRESET_IDS } from '../timeline/caption-presets.js';
import { TRANSITION_KINDS } from '../timeline/transitions.js';
import { MUSIC_MOODS } from './music-mood.js';

export const ASPECT_RATIOS = ['9:16', '16:9', '1:1'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export const STEP_KINDS = ['script', 'voice', 'visual', 'assembly'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** BCP-47 language tag, e.g. `en`, `fr`, `pt-BR`. */
export const languageTagSchema = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP-47 language tag such as "en" or "fr-CA"');

const providerIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be a provider id such as "local" or "openai"');

export const musicSchema = z
  .strictObject({
    /** An artifact key, a local file path or an http(s) URL of the music track. */
    source: z.string().min(1).optional(),
    /** Generated music of this mood instead of a track; `auto` picks the mood from the tone and style. */
    mood: z.enum(['auto', ...MUSIC_MOODS]).optional(),
    /** Music level relative to full scale before ducking (0–1). */
    volume: z.number().min(0).max(1).default(0.2),
  })
  .refine((music) => (music.source === undefined) !== (music.mood === undefined), {
    message: 'give either source (a music track) or mood (generated music), not both',
  });

/** How captions look: a preset (default: the style's), and overrides of its position and highlight. */
export const captionChoiceSchema = z.strictObject({
  preset: z.enum(CAPTION_PRESET_IDS).optional(),
  position: z.enum(CAPTION_POSITIONS).optional(),
  /** How the spoken word stands out: `none`, `color` (recoloured) or `box` (recoloured on a box). */
  highlight: z.enum(CAPTION_HIGHLIGHTS).optional(),
});

export const briefSchema = z.strictObject({
  topic: z.string().trim().min(1, 'must not be empty').max(500),
  tone: z.string().trim().min(1).max(60).default('informative'),
  durationSec: z.number().int().min(5).max(180).default(30),
  language: languageTagSchema.default('en'),
  aspectRatio: z.enum(ASPECT_RATIOS).default('9:16'),
  style: z.enum(STYLE_IDS).default('modern'),
  voice: z.string().min(1).max(100).optional(),
  music: musicSchema.optional(),
  captions: captionChoiceSchema.optional(),
  /** Transition between scenes; default the style's. */
  transition: z.enum(TRANSITION_KINDS).optional(),
  callbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  providers: z
    .strictObject({
      script: providerIdSchema.optional(),
      voice: providerIdSchema.optional(),
      visual: providerIdSchema.optional(),
      assembly: providerIdSchema.optional(),
    })
    .optional(),
  /** The template the script follows, with its presets already merged (see `resolveBriefTemplate`). */
  template: appliedTemplateSchema.optional(),
});

/** What a caller sends (defaults optional). */
export type BriefInput = z.input<typeof briefSchema>;
/** A validated brief with every default applied. */
export type Brief = z.output<typeof briefSchema>;

export const OUTPUT_SIZES: Record<AspectRatio, { width: number; height: number }> = {
  '9:16': { width: 1080, height: 1920 },
  '16:9': { width: 1920, height: 1080 },
  '1:1': { width: 1080, height: 1080 },
};

export const OUTPUT_FPS = 30;

export interface OutputFormat {
  width: number;
  height: number;
  fps: number;
}

export function outputFormatFor(aspectRatio: AspectRatio): OutputFormat {
  return { ...OUTPUT_SIZES[aspectRatio], fps: OUTPUT_FPS };
}
