import type { StepEndEvent } from '../../events/job-event.js';
import type { StepFailure } from '../../persistence/job-columns.js';
import type { UsageV1 } from '../../spec/shared/v1/usage-v1.js';
import type { StepRunState } from '../step-run-state.js';

/** The `step-end` event of an attempt, with how long it ran. */
export function stepEndEvent(
  step: StepRunState,
  status: StepEndEvent['status'],
  extra: { usage?: UsageV1; error?: StepFailure; retryInMs?: number; at?: string } = {},
): StepEndEvent {
  const durationMs = step.attemptStartedAt ? Date.now() - step.attemptStartedAt.getTime() : undefined;
  return {
    type: 'step-end',
    jobId: step.jobId,
    step: step.step,
    ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
    provider: step.provider,
    attempt: step.attempt,
    status,
    ...(durationMs !== undefined && durationMs >= 0 && status !== 'CANCELLED' ? { durationMs } : {}),
    ...(extra.usage ? { usage: extra.usage } : {}),
    ...(extra.error
      ? { error: { message: extra.error.message, ...(extra.error.code ? { code: extra.error.code } : {}) } }
      : {}),
    ...(extra.retryInMs !== undefined ? { retryInMs: extra.retryInMs } : {}),
    at: extra.at ?? new Date().toISOString(),
  };
}

/** Why a step failed, in the shape stored on the step and the job. */
export function stepFailureOf(
  step: StepRunState,
  problem: { message: string; code?: string; retryable: boolean },
): StepFailure {
  return {
    step: step.step,
    ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
    provider: step.provider,
    message: problem.message,
    ...(problem.code ? { code: problem.code } : {}),
    retryable: problem.retryable,
  };
}
