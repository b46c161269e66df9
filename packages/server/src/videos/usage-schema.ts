import { z } from 'zod';

/** `GET /api/v1/usage`: the caller's quota use today (UTC) against their limits. */
export const quotaUsageSchema = z.object({
  limits: z.object({
    concurrentJobs: z.number().int(),
    videosPerDay: z.number().int(),
    secondsPerDay: z.number().int(),
  }),
  used: z.object({ unfinishedJobs: z.number().int(), videosToday: z.number().int(), secondsToday: z.number().int() }),
  resetsAt: z.iso.datetime().meta({ description: 'Next 00:00 UTC, when the daily counts reset' }),
});

export type QuotaUsage = z.infer<typeof quotaUsageSchema>;
