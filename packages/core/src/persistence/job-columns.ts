import { z } from 'zod';
import { artifactRefSchema } from '../artifacts/artifact-ref.js';
import { STEP_KINDS } from '../domain/brief.js';
import { qualityCheckSchema } from '../quality/quality-report.js';
import { usageV1Schema } from '../spec/shared/v1/usage-v1.js';

/** The finished video of a job. */
export const jobResultSchema = z.object({
  video: artifactRefSchema,
  durationSec: z.number(),
  width: z.number(),
  height: z.number(),
  /** The output check run after assembly; absent when the engine has no check or the assembler is remote. */
  quality: qualityCheckSchema.optional(),
});
export type JobResult = z.infer<typeof jobResultSchema>;

/** What a job consumed: per step kind (visual scenes summed) and the total known cost. */
export const jobUsageSchema = z.object({
  byStep: z.partialRecord(z.enum(STEP_KINDS), usageV1Schema),
  totalCostUsd: z.number(),
});
export type JobUsage = z.infer<typeof jobUsageSchema>;

/** Why a step or a job failed. `code` is the provider's or the runner's error code. */
export const stepFailureSchema = z.object({
  step: z.enum(STEP_KINDS),
  sceneIndex: z.number().int().optional(),
  provider: z.string(),
  message: z.string(),
  code: z.string().optional(),
  retryable: z.boolean().optional(),
});
export type StepFailure = z.infer<typeof stepFailureSchema>;

export const EMPTY_JOB_USAGE: JobUsage = { byStep: {}, totalCostUsd: 0 };
