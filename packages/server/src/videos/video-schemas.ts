import { briefSchema, JOB_STATUSES, MUSIC_MOODS, STEP_KINDS } from '@looply/core';
import { z } from 'zod';

/**
 * `POST /videos` body: the Brief, strict (an unknown or server-owned field such as `status`, `ownerId`
 * or `cost` is a 400). Over HTTP `music.source` must be an http(s) URL: a server-side path or
 * artifact key would let a client read the server's files. Generated music by `mood` needs no file.
 */
export const videoRequestSchema = briefSchema
  .extend({
    music: z
      .strictObject({
        source: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
        mood: z.enum(['auto', ...MUSIC_MOODS]).optional(),
        volume: z.number().min(0).max(1).default(0.2),
      })
      .refine((music) => (music.source === undefined) !== (music.mood === undefined), { message: 'give either source (a music URL) or mood (generated music), not both' })
      .optional(),
  })
  .meta({ description: 'A brief. Omitted language, voice, style and aspect ratio come from the caller\'s profile.' });

export type VideoRequest = z.input<typeof videoRequestSchema>;

export const videoIdParamsSchema = z.object({ id: z.uuid() });

export const listVideosQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  status: z.enum(JOB_STATUSES).optional(),
});

const usageSchema = z.object({
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  characters: z.number().optional(),
  images: z.number().optional(),
  audioSeconds: z.number().optional(),
  gpuSeconds: z.number().optional(),
  renderSeconds: z.number().optional(),
  costUsd: z.number().optional(),
});

const stepStateSchema = z.object({
  step: z.enum(STEP_KINDS),
  sceneIndex: z.number().int().nullable(),
  provider: z.string(),
  status: z.enum(JOB_STATUSES),
  attempt: z.number().int(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
});

export const videoResponseSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(JOB_STATUSES),
    progress: z.number().int().min(0).max(100),
    currentStep: z.enum(STEP_KINDS).nullable(),
    brief: briefSchema,
    providers: z.record(z.string(), z.string()),
    steps: z.array(stepStateSchema),
    videoUrl: z.url().nullable().meta({ description: 'Set once COMPLETED: GET it with your token (Range supported)' }),
    result: z.object({ durationSec: z.number(), width: z.number().int(), height: z.number().int() }).nullable(),
    error: z.object({ step: z.enum(STEP_KINDS), provider: z.string(), message: z.string(), code: z.string().optional() }).nullable(),
    usage: z.object({ byStep: z.record(z.string(), usageSchema), totalCostUsd: z.number() }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  });

export type VideoResponse = z.infer<typeof videoResponseSchema>;

export const videoListResponseSchema = z
  .object({ items: z.array(videoResponseSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

