import { randomUUID } from 'node:crypto';
import type { TransactionScope } from '../../persistence/database.js';
import type { JsonValue } from '../../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../../spec/shared/v1/usage-v1.js';
import { metadataKeyOf, type StepMetadata } from '../step-keys.js';
import type { JobState, StepRunState } from '../step-run-state.js';
import type { HandOffDependencies } from './hand-off.js';
import { sendStepMessage } from './send-step-message.js';
import { stepEndEvent } from './step-end-event.js';

export interface WaitChange {
  step: StepRunState;
  leaseToken: string;
  operation: JsonValue;
  externalId: string;
  usage: UsageV1;
  metadata?: StepMetadata;
  /** When the first poll goes out. */
  pollDelayMs: number;
  /** How long the sweeper waits past the poll before it sends another one. */
  leaseMs: number;
}

/** RUNNING → WAITING after a long-running start: the operation is kept and the first poll queued. Null when fenced out. */
export async function waitForRemoteWork(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  job: JobState,
  change: WaitChange,
): Promise<StepRunState | null> {
  const { step } = change;
  const pollQueueJobId = randomUUID();
  const waiting = await dependencies.steps.markWaiting(scope, step.id, change.leaseToken, {
    operation: change.operation,
    externalId: change.externalId,
    usage: change.usage,
    pollQueueJobId,
    deadlineMs: change.pollDelayMs + change.leaseMs,
  });
  if (!waiting) return null;
  if (change.metadata)
    await dependencies.jobs.mergeStepMetadata(scope, step.jobId, metadataKeyOf(step), change.metadata);
  await sendStepMessage(dependencies, scope, waiting, 'poll', { id: pollQueueJobId, delayMs: change.pollDelayMs });
  dependencies.publisher.publish(scope, stepEndEvent(waiting, 'WAITING', { usage: change.usage }));
  await dependencies.pipeline.refresh(scope, job);
  return waiting;
}
