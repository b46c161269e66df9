import type PgBoss from 'pg-boss';
import type { NotificationChannels } from '../../events/notification-channels.js';
import type { TransactionScope } from '../../persistence/database.js';
import { STEP_QUEUES, sendInTransaction, type StepMessage } from '../step-queues.js';
import type { StepRunState } from '../step-run-state.js';

/** Queues the step's next message (`run` it, or `poll` its remote work) inside the transaction. */
export async function sendStepMessage(
  dependencies: { boss: PgBoss; channels: NotificationChannels },
  scope: TransactionScope,
  step: Pick<StepRunState, 'id' | 'jobId' | 'step' | 'attempt'>,
  action: StepMessage['action'],
  options: { id: string; delayMs?: number },
): Promise<void> {
  const message: StepMessage =
    action === 'run'
      ? { stepRunId: step.id, jobId: step.jobId, action }
      : { stepRunId: step.id, jobId: step.jobId, action, attempt: step.attempt };
  await sendInTransaction(
    dependencies.boss,
    scope,
    dependencies.channels.ready,
    STEP_QUEUES[step.step],
    message,
    options,
  );
}
