import { STYLE_IDS, type ArtifactStore } from '@looply/core';
import { z } from 'zod';

const hexColourSchema = z.string().regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a #rgb or #rrggbb colour');
const MAXIMUM_SIDE = 4096;

/**
 * What the local visual provider reads from its call options. Objects are not strict: the
 * options are core's types, and fields this provider ignores are no error.
 */
export const visualCallOptionsSchema = z.object({
  abortSignal: z.instanceof(AbortSignal, { message: 'must be an AbortSignal' }),
  idempotencyKey: z.string(),
  artifacts: z.custom<ArtifactStore>(
    (value) => typeof value === 'object' && value !== null && typeof (value as { put?: unknown }).put === 'function',
    'must be an ArtifactStore',
  ),
  artifactPrefix: z.string().min(1),
  providerOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  title: z.string(),
  scene: z
    .object({
      index: z.number().int().min(0),
      count: z.number().int().min(1),
      narration: z.string(),
      prompt: z.object({ positive: z.string().trim().min(1), negative: z.string() }),
      durationSec: z.number().positive(),
    })
    .refine((scene) => scene.index < scene.count, { message: 'index must be lower than count', path: ['index'] }),
  style: z.object({
    id: z.enum(STYLE_IDS),
    palette: z.object({
      background: z.tuple([hexColourSchema, hexColourSchema]),
      primary: hexColourSchema,
      accent: hexColourSchema,
      text: hexColourSchema,
    }),
    titleFont: z.object({
      family: z.string().trim().min(1),
      weight: z.literal([100, 200, 300, 400, 500, 600, 700, 800, 900]),
    }),
  }),
  output: z.object({
    width: z.number().int().min(16).max(MAXIMUM_SIDE),
    height: z.number().int().min(16).max(MAXIMUM_SIDE),
  }),
});
