import { JOB_STATUSES, STEP_KINDS } from '@looply/core';
import { z } from 'zod';
import { USER_ROLES } from '../persistence/user-account-entity.js';

const page = z.coerce.number().int().min(1).max(1_000_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100).default(20);
const quota = z.number().int().positive().max(1_000_000).nullable();

export const adminIdParamsSchema = z.object({ id: z.uuid() });

export const adminUsersQuerySchema = z.strictObject({
  page,
  pageSize,
  /** Part of an email, case-insensitive. */
  search: z.string().trim().min(1).max(254).optional(),
});

export const adminUserPatchSchema = z
  .strictObject({
    disabled: z.boolean().optional().meta({
      description:
        'true disables the account and refuses its tokens at once; false enables it (the user logs in again)',
    }),
    quota: z
      .strictObject({
        concurrentJobs: quota.optional(),
        videosPerDay: quota.optional(),
        secondsPerDay: quota.optional(),
      })
      .optional()
      .meta({ description: "Per-user overrides; null returns to the server's default" }),
  })
  .refine((body) => body.disabled !== undefined || body.quota !== undefined, 'send disabled, quota or both');

const isoDate = z.iso.date().meta({ description: 'UTC day, YYYY-MM-DD' });

export const adminJobsQuerySchema = z.strictObject({
  page,
  pageSize,
  status: z.enum(JOB_STATUSES).optional(),
  /** A provider id used by any step of the job, e.g. `local`. */
  provider: z.string().trim().min(1).max(100).optional(),
  userId: z.uuid().optional(),
  /** Created on or after this UTC day. */
  from: isoDate.optional(),
  /** Created on or before this UTC day. */
  to: isoDate.optional(),
});

export const analyticsQuerySchema = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() });

export const adminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: z.enum(USER_ROLES).meta({ description: '`admin` when granted in the database or by LOOPLY_ADMIN_EMAILS' }),
  disabled: z.boolean(),
  quota: z.object({
    concurrentJobs: z.number().int(),
    videosPerDay: z.number().int(),
    secondsPerDay: z.number().int(),
  }),
  quotaOverrides: z.object({
    concurrentJobs: z.number().int().nullable(),
    videosPerDay: z.number().int().nullable(),
    secondsPerDay: z.number().int().nullable(),
  }),
  jobs: z.number().int(),
  totalCostUsd: z.number(),
  createdAt: z.iso.datetime(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserListSchema = z.object({
  items: z.array(adminUserSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const adminJobSummarySchema = z.object({
  id: z.uuid(),
  ownerId: z.string().nullable(),
  ownerEmail: z.string().nullable(),
  status: z.enum(JOB_STATUSES),
  progress: z.number().int(),
  topic: z.string(),
  durationSec: z.number().int(),
  providers: z.record(z.string(), z.string()),
  totalCostUsd: z.number(),
  error: z.string().nullable(),
  deadLettered: z.boolean(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type AdminJobSummary = z.infer<typeof adminJobSummarySchema>;

export const adminJobListSchema = z.object({
  items: z.array(adminJobSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const adminStepSchema = z.object({
  step: z.enum(STEP_KINDS),
  sceneIndex: z.number().int().nullable(),
  provider: z.string(),
  status: z.enum(JOB_STATUSES),
  attempt: z.number().int(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  durationMs: z.number().nullable(),
  costUsd: z.number().nullable(),
  error: z.object({ message: z.string(), code: z.string().optional(), retryable: z.boolean().optional() }).nullable(),
});

export const adminJobDetailSchema = adminJobSummarySchema.extend({ steps: z.array(adminStepSchema) });
export type AdminJobDetail = z.infer<typeof adminJobDetailSchema>;

export const analyticsSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  videosPerDay: z.array(
    z.object({ day: z.iso.date(), completed: z.number().int(), failed: z.number().int(), cancelled: z.number().int() }),
  ),
  successRate: z
    .number()
    .nullable()
    .meta({ description: 'completed ÷ (completed + failed) of the period; null when none finished' }),
  totals: z.object({
    jobs: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    totalCostUsd: z.number(),
  }),
  stepTimings: z.array(
    z.object({
      step: z.enum(STEP_KINDS),
      provider: z.string(),
      runs: z.number().int(),
      p50Ms: z.number(),
      p95Ms: z.number(),
    }),
  ),
  costPerProviderPerDay: z.array(z.object({ day: z.iso.date(), provider: z.string(), costUsd: z.number() })),
  costPerUser: z.array(
    z.object({ userId: z.string(), email: z.string().nullable(), jobs: z.number().int(), costUsd: z.number() }),
  ),
  topFailureReasons: z.array(
    z.object({
      step: z.string(),
      provider: z.string(),
      code: z.string().nullable(),
      message: z.string(),
      count: z.number().int(),
    }),
  ),
});
export type Analytics = z.infer<typeof analyticsSchema>;

export const adminSessionSchema = z.object({ id: z.uuid(), email: z.string(), role: z.literal('admin') });
