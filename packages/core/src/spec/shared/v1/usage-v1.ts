import { z } from 'zod';

/** What a provider call consumed. Every field is optional; `costUsd` only when known. */
export const usageV1Schema = z.object({
  inputTokens: z.number().optional(),
  outputTokens: z.number().optional(),
  characters: z.number().optional(),
  images: z.number().optional(),
  audioSeconds: z.number().optional(),
  gpuSeconds: z.number().optional(),
  renderSeconds: z.number().optional(),
  costUsd: z.number().optional(),
});
export type UsageV1 = z.infer<typeof usageV1Schema>;

/** The names of the usage counters, in the schema's order. */
export const USAGE_FIELDS = usageV1Schema.keyof().options;
