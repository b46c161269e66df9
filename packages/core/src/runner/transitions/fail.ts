import type { TransactionScope } from '../../persistence/database.js';
import type { StepFailure } from '../../persistence/job-columns.js';
import { DEAD_LETTER_QUEUE, sendInTransaction } from '../step-queues.js';
import type { JobState, StepFence, StepRunState } from '../step-run-state.js';
import { summarizeUsage } from '../usage-totals.js';
import { notifyAbort } from './abort-message.js';
import type { HandOffDependencies } from './hand-off.js';
import { stepEndEvent } from './step-end-event.js';
import type { CancelledStep } from './step-row-updates.js';

/**
 * Fails the step (if `fence` still holds) and its job: the other unfinished steps are cancelled,
 * running ones in any process are told to abort, and the job goes to the dead-letter queue.
 * Returns the cancelled steps (waiting ones may need a remote cancel), or null when fenced out.
 */
export async function failJob(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  job: JobState,
  change: { step: StepRunState; fence: StepFence; failure: StepFailure },
): Promise<CancelledStep[] | null> {
  const { step, failure } = change;
  const failed = await dependencies.steps.fail(scope, step.id, change.fence, failure);
  if (!failed) return null;
  const cancelled = await dependencies.steps.cancelUnfinished(scope, job.id);
  const deadLetterQueueJobId = await sendInTransaction(
    dependencies.boss,
    scope,
    dependencies.channels.ready,
    DEAD_LETTER_QUEUE,
    {
      jobId: job.id,
      stepRunId: step.id,
      step: step.step,
      provider: step.provider,
      message: failure.message.slice(0, 2000),
      ...(failure.code ? { code: failure.code } : {}),
    },
  );
  const usage = summarizeUsage(await dependencies.store.listSteps(job.id, scope));
  await dependencies.jobs.update(scope, job.id, {
    status: 'FAILED',
    error: failure,
    deadLetterQueueJobId,
    usage,
    totalCostUsd: usage.totalCostUsd,
    currentStep: step.step,
    finished: true,
  });
  if (cancelled.length > 0) notifyAbort(dependencies, scope, { type: 'abort', jobId: job.id, reason: 'job-failed' });
  const at = new Date().toISOString();
  dependencies.publisher.publish(scope, stepEndEvent(step, 'FAILED', { error: failure, at }));
  dependencies.publisher.publish(scope, { type: 'job-end', jobId: job.id, status: 'FAILED', error: failure, at });
  // This process need not wait for the NOTIFY to stop the job's other steps.
  scope.afterCommit(() => {
    dependencies.inFlight.abortJob(job.id, 'job-failed');
  });
  return cancelled;
}
