import { randomUUID } from 'node:crypto';
import type { TransactionScope } from '../../persistence/database.js';
import type { JobState, StepRunState } from '../step-run-state.js';
import type { HandOffDependencies } from './hand-off.js';
import { sendStepMessage } from './send-step-message.js';
import { stepEndEvent } from './step-end-event.js';

/** Graceful shutdown: RUNNING → PENDING behind a new message, the attempt not counted. Null when fenced out. */
export async function releaseStep(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  job: JobState,
  step: StepRunState,
  leaseToken: string,
): Promise<StepRunState | null> {
  const queueJobId = randomUUID();
  const pending = await dependencies.steps.release(scope, step.id, leaseToken, queueJobId);
  if (!pending) return null;
  await sendStepMessage(dependencies, scope, step, 'run', { id: queueJobId });
  dependencies.publisher.publish(scope, stepEndEvent(step, 'RELEASED'));
  await dependencies.pipeline.refresh(scope, job);
  return pending;
}
