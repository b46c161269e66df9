import {
  briefSchema,
  JOB_STATUSES,
  jobResultSchema,
  MUSIC_MOODS,
  qualityCheckSchema,
  STEP_KINDS,
  stepFailureSchema,
  templateReferenceSchema,
  usageV1Schema,
} from '@looply/core';
import { z } from 'zod';
import { httpUrlSchema } from './http-url-schema.js';

/**
 * `POST /videos` body: the Brief, strict (an unknown or server-owned field such as `status`, `ownerId`
 * or `cost` is a 400). Over HTTP `music.source` must be an http(s) URL: a server-side path or
 * artifact key would let a client read the server's files. Both URLs are stored in the normalised
 * form that was validated (never the raw text). Generated music by `mood` needs
 * no file.
 */
export const videoRequestSchema = briefSchema
  .extend({
    music: z
      .strictObject({
        source: httpUrlSchema.optional(),
        mood: z.enum(['auto', ...MUSIC_MOODS]).optional(),
        volume: z.number().min(0).max(1).default(0.2),
      })
      .refine((music) => (music.source === undefined) !== (music.mood === undefined), {
        message: 'give either source (a music URL) or mood (generated music), not both',
      })
      .optional(),
    callbackUrl: httpUrlSchema.optional(),
    /** A built-in template's name, one of the caller's own, or a whole template inline. */
    template: templateReferenceSchema.optional(),
  })
  .meta({
    description:
      "A brief. A template (name or inline) presets the fields the brief leaves out; then omitted language, voice, style and aspect ratio come from the caller's profile.",
  });

export type VideoRequest = z.input<typeof videoRequestSchema>;

export const videoIdParamsSchema = z.object({ id: z.uuid() });

export const listVideosQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(JOB_STATUSES).optional(),
});

const stepStateSchema = z.object({
  step: z.enum(STEP_KINDS),
  sceneIndex: z.number().int().nullable(),
  provider: z.string(),
  status: z.enum(JOB_STATUSES),
  attempt: z.number().int(),
  workerId: z.string().nullable().meta({ description: 'The worker (host:pid) that ran the current or last attempt' }),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
});

export const videoResponseSchema = z.object({
  id: z.uuid(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int().min(0).max(100),
  currentStep: z.enum(STEP_KINDS).nullable(),
  brief: briefSchema,
  providers: z.record(z.string(), z.string()),
  steps: z.array(stepStateSchema),
  videoUrl: z.url().nullable().meta({ description: 'Set once COMPLETED: GET it with your token (Range supported)' }),
  result: jobResultSchema.omit({ video: true, quality: true }).nullable(),
  quality: qualityCheckSchema.nullable().meta({
    description:
      'Set once COMPLETED: the output check a worker ran right after assembly (loudness, picture, captions vs timeline and speech…): `measured` with every standard, or `not-measured` with the reason. Null when the server runs no check (LOOPLY_QUALITY_CHECK=off, or a remote assembler).',
  }),
  error: stepFailureSchema.pick({ step: true, provider: true, message: true, code: true }).nullable(),
  usage: z.object({ byStep: z.record(z.string(), usageV1Schema), totalCostUsd: z.number() }),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});

export type VideoResponse = z.infer<typeof videoResponseSchema>;

export const videoListResponseSchema = z.object({
  items: z.array(videoResponseSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
