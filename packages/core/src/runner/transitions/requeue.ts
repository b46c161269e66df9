import { randomUUID } from 'node:crypto';
import type { StepKind } from '../../domain/brief.js';
import type { TransactionScope } from '../../persistence/database.js';
import type { HandOffDependencies } from './hand-off.js';
import { sendStepMessage } from './send-step-message.js';

/** A PENDING step whose message was lost gets a new one (compare-and-set on the lost id). */
export async function requeueStep(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  orphan: { id: string; jobId: string; step: StepKind; queueJobId: string },
): Promise<true | null> {
  const queueJobId = randomUUID();
  if (!(await dependencies.steps.replaceQueueJob(scope, orphan.id, orphan.queueJobId, queueJobId))) return null;
  await sendStepMessage(dependencies, scope, { ...orphan, attempt: 0 }, 'run', { id: queueJobId });
  return true;
}
