import { z } from 'zod';
import { briefSchema } from '../domain/brief.js';
import { appliedTemplateSchema } from './script-structure.js';

const brief = briefSchema.shape;

/**
 * Brief fields a template presets. The brief's own schemas without their defaults: a preset
 * left out stays out, so the brief's default (or the caller's value) applies.
 */
export const templatePresetsSchema = z.strictObject({
  tone: brief.tone.unwrap().optional(),
  durationSec: brief.durationSec.unwrap().optional(),
  language: brief.language.unwrap().optional(),
  aspectRatio: brief.aspectRatio.unwrap().optional(),
  style: brief.style.unwrap().optional(),
  voice: brief.voice,
  music: brief.music,
  captions: brief.captions,
  transition: brief.transition,
});
export type TemplatePresets = z.output<typeof templatePresetsSchema>;

/** A video template: a script structure plus brief presets. Built-in, stored per user, or a JSON file. */
export const videoTemplateSchema = appliedTemplateSchema.extend({
  presets: templatePresetsSchema.default({}),
});
export type VideoTemplate = z.output<typeof videoTemplateSchema>;
export type VideoTemplateInput = z.input<typeof videoTemplateSchema>;
