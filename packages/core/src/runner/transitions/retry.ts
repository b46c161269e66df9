import { randomUUID } from 'node:crypto';
import type { TransactionScope } from '../../persistence/database.js';
import type { StepFailure } from '../../persistence/job-columns.js';
import type { JobState, StepFence, StepRunState } from '../step-run-state.js';
import type { HandOffDependencies } from './hand-off.js';
import { sendStepMessage } from './send-step-message.js';
import { stepEndEvent } from './step-end-event.js';

export interface RetryChange {
  step: StepRunState;
  /** `expired-lease` when the sweeper recovers a step whose worker went away. */
  fence: StepFence;
  failure: StepFailure;
  delayMs: number;
}

/** A failed attempt → PENDING behind a new (delayed) message; the attempt stays counted. Null when fenced out. */
export async function retryStep(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  job: JobState,
  change: RetryChange,
): Promise<StepRunState | null> {
  const { step } = change;
  const queueJobId = randomUUID();
  const pending = await dependencies.steps.scheduleRetry(scope, step.id, change.fence, change.failure, queueJobId);
  if (!pending) return null;
  await sendStepMessage(dependencies, scope, step, 'run', { id: queueJobId, delayMs: change.delayMs });
  dependencies.publisher.publish(
    scope,
    stepEndEvent(step, 'RETRYING', { error: change.failure, retryInMs: change.delayMs }),
  );
  await dependencies.pipeline.refresh(scope, job);
  return pending;
}
