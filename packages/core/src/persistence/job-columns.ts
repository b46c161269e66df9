import type { ArtifactRef } from '../artifacts/artifact-ref.js';
import type { StepKind } from '../domain/brief.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';

/** The finished video of a job. */
export interface JobResult {
  video: ArtifactRef;
  durationSec: number;
  width: number;
  height: number;
}

/** What a job consumed: per step kind (visual scenes summed) and the total known cost. */
export interface JobUsage {
  byStep: Partial<Record<StepKind, UsageV1>>;
  totalCostUsd: number;
}

/** Why a step or a job failed. `code` is the provider's or the runner's error code. */
export interface StepFailure {
  step: StepKind;
  sceneIndex?: number;
  provider: string;
  message: string;
  code?: string;
  retryable?: boolean;
}

export const EMPTY_JOB_USAGE: JobUsage = { byStep: {}, totalCostUsd: 0 };
