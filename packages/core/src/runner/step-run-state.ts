import type { Brief, StepKind } from '../domain/brief.js';
import type { StepFailure } from '../persistence/job-columns.js';
import type { JobStatus, StepStatus } from '../persistence/job-status.js';
import type { JsonValue } from '../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';

/** What the runner needs of a `step_run` row. */
export interface StepRunState {
  id: string;
  jobId: string;
  step: StepKind;
  sceneIndex: number | null;
  provider: string;
  status: StepStatus;
  attempt: number;
  leaseToken: string | null;
  queueJobId: string | null;
  input: JsonValue | null;
  output: JsonValue | null;
  operation: JsonValue | null;
  externalId: string | null;
  usage: UsageV1 | null;
  error: StepFailure | null;
  attemptStartedAt: Date | null;
}

/** What the runner needs of a `video_job` row. */
export interface JobState {
  id: string;
  status: JobStatus;
  progress: number;
  currentStep: StepKind | null;
  brief: Brief;
  providers: Record<StepKind, string>;
  deadLetterQueueJobId: string | null;
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

export function toStepRunState(row: Record<string, unknown>): StepRunState {
  return {
    id: row.id as string,
    jobId: row.job_id as string,
    step: row.step as StepKind,
    sceneIndex: (row.scene_index as number | null) ?? null,
    provider: row.provider as string,
    status: row.status as StepStatus,
    attempt: row.attempt as number,
    leaseToken: (row.lease_token as string | null) ?? null,
    queueJobId: (row.queue_job_id as string | null) ?? null,
    input: (row.input as JsonValue | null) ?? null,
    output: (row.output as JsonValue | null) ?? null,
    operation: (row.operation as JsonValue | null) ?? null,
    externalId: (row.external_id as string | null) ?? null,
    usage: (row.usage as UsageV1 | null) ?? null,
    error: (row.error as StepFailure | null) ?? null,
    attemptStartedAt: toDate(row.attempt_started_at),
  };
}

export function toJobState(row: Record<string, unknown>): JobState {
  return {
    id: row.id as string,
    status: row.status as JobStatus,
    progress: row.progress as number,
    currentStep: (row.current_step as StepKind | null) ?? null,
    brief: row.brief as Brief,
    providers: row.providers as Record<StepKind, string>,
    deadLetterQueueJobId: (row.dead_letter_queue_job_id as string | null) ?? null,
  };
}

/** How a write proves it belongs to the current attempt. */
export type StepFence =
  /** A running attempt: its lease token. */
  | { kind: 'lease'; leaseToken: string }
  /** A waiting long-running attempt: its attempt number (a poll or webhook of an older attempt fails). */
  | { kind: 'waiting'; attempt: number }
  /** A running attempt whose worker stopped renewing: its lease token, and the lease must still be expired. */
  | { kind: 'expired-lease'; leaseToken: string };

export function describeStep(step: Pick<StepRunState, 'step' | 'sceneIndex'>): string {
  return step.sceneIndex === null ? step.step : `${step.step}[scene ${step.sceneIndex}]`;
}
