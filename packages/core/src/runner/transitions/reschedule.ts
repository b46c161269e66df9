import { randomUUID } from 'node:crypto';
import type { TransactionScope } from '../../persistence/database.js';
import type { StepRunState } from '../step-run-state.js';
import type { HandOffDependencies } from './hand-off.js';
import { sendStepMessage } from './send-step-message.js';

export interface RescheduleChange {
  step: StepRunState;
  /** The poll being replaced (null when it went missing). */
  previousQueueJobId: string | null;
  delayMs: number;
  /** How long the sweeper waits past the poll before it sends another one. */
  leaseMs: number;
}

/** A WAITING step's poll hands over to a new message: there is always exactly one live poll. False when fenced out. */
export async function reschedulePoll(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  change: RescheduleChange,
): Promise<true | null> {
  const { step } = change;
  const pollQueueJobId = randomUUID();
  const moved = await dependencies.steps.reschedulePoll(scope, step.id, {
    attempt: step.attempt,
    previousQueueJobId: change.previousQueueJobId,
    pollQueueJobId,
    deadlineMs: change.delayMs + change.leaseMs,
  });
  if (!moved) return null;
  await sendStepMessage(dependencies, scope, step, 'poll', { id: pollQueueJobId, delayMs: change.delayMs });
  return true;
}
