// Shapes of `/api/v1/admin` responses (see /openapi.json, tag admin).
import type { StepFailure } from '@looply/core';
import type { JobStatus, StepState } from '../api/types';

export interface AdminUser {
  id: string;
  email: string;
  role: 'user' | 'admin';
  disabled: boolean;
  quota: { concurrentJobs: number; videosPerDay: number; secondsPerDay: number };
  quotaOverrides: { concurrentJobs: number | null; videosPerDay: number | null; secondsPerDay: number | null };
  jobs: number;
  totalCostUsd: number;
  createdAt: string;
}

export interface AdminJob {
  id: string;
  ownerId: string | null;
  ownerEmail: string | null;
  status: JobStatus;
  progress: number;
  topic: string;
  durationSec: number;
  providers: Record<string, string>;
  totalCostUsd: number;
  error: string | null;
  deadLettered: boolean;
  createdAt: string;
  finishedAt: string | null;
  /** A video's step runs, with their time and cost, and the whole failure rather than its message. */
  steps?: Array<
    Omit<StepState, 'error'> & {
      durationMs: number | null;
      costUsd: number | null;
      error: Pick<StepFailure, 'message' | 'code' | 'retryable'> | null;
    }
  >;
}

export interface Analytics {
  from: string;
  to: string;
  videosPerDay: Array<{ day: string; completed: number; failed: number; cancelled: number }>;
  successRate: number | null;
  totals: { jobs: number; completed: number; failed: number; totalCostUsd: number };
  stepTimings: Array<{ step: string; provider: string; runs: number; p50Ms: number; p95Ms: number }>;
  costPerProviderPerDay: Array<{ day: string; provider: string; costUsd: number }>;
  costPerUser: Array<{ userId: string; email: string | null; jobs: number; costUsd: number }>;
  topFailureReasons: Array<{ step: string; provider: string; code: string | null; message: string; count: number }>;
}
