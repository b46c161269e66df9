import type { Brief, StepKind } from '../domain/brief.js';
import type { JobResult, JobUsage, StepFailure } from '../persistence/job-columns.js';
import type { JobStatus, StepStatus } from '../persistence/job-status.js';
import type { StepRun } from '../persistence/step-run-entity.js';
import type { VideoJob } from '../persistence/video-job-entity.js';
import { STEP_KINDS } from '../domain/brief.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';

/** Why a job failed: the step, the provider and what it said. */
export type JobError = Omit<StepFailure, 'retryable'>;

/** One step run of a job, as callers see it. */
export interface StepView {
  id: string;
  step: StepKind;
  sceneIndex: number | null;
  provider: string;
  status: StepStatus;
  attempt: number;
  /** The vendor's request id of a long-running step. */
  externalId: string | null;
  usage: UsageV1 | null;
  error: StepFailure | null;
  /** The worker (`host:pid`) that ran the current (or last) attempt. */
  workerId: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A video job as callers see it (no lease tokens, no queue ids, no stored outputs). */
export interface JobView {
  id: string;
  ownerId: string | null;
  status: JobStatus;
  progress: number;
  currentStep: StepKind | null;
  brief: Brief;
  providers: Record<StepKind, string>;
  steps: StepView[];
  result: JobResult | null;
  usage: JobUsage;
  error: JobError | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

function stepOrder(step: StepRun): number {
  return STEP_KINDS.indexOf(step.step) * 1000 + (step.sceneIndex ?? 0);
}

export function toStepView(step: StepRun): StepView {
  return {
    id: step.id,
    step: step.step,
    sceneIndex: step.sceneIndex ?? null,
    provider: step.provider,
    status: step.status,
    attempt: step.attempt,
    externalId: step.externalId ?? null,
    usage: step.usage ?? null,
    error: step.error ?? null,
    workerId: step.workerId ?? null,
    startedAt: step.startedAt ?? null,
    finishedAt: step.finishedAt ?? null,
  };
}

export function toJobView(job: VideoJob, steps: StepRun[]): JobView {
  const error = job.error
    ? {
        step: job.error.step,
        ...(job.error.sceneIndex !== undefined ? { sceneIndex: job.error.sceneIndex } : {}),
        provider: job.error.provider,
        message: job.error.message,
        ...(job.error.code !== undefined ? { code: job.error.code } : {}),
      }
    : null;
  return {
    id: job.id,
    ownerId: job.ownerId ?? null,
    status: job.status,
    progress: job.progress,
    currentStep: job.currentStep ?? null,
    brief: job.brief,
    providers: job.providers,
    steps: [...steps].sort((first, second) => stepOrder(first) - stepOrder(second)).map(toStepView),
    result: job.result ?? null,
    usage: job.usage,
    error,
    metadata: job.metadata,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    finishedAt: job.finishedAt ?? null,
  };
}
