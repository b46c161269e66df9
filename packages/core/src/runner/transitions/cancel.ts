import type { TransactionScope } from '../../persistence/database.js';
import type { JobState } from '../step-run-state.js';
import { notifyAbort } from './abort-message.js';
import type { HandOffDependencies } from './hand-off.js';
import { stepEndEvent } from './step-end-event.js';
import type { CancelledStep } from './step-row-updates.js';

/**
 * An unfinished job and its pending, running and waiting steps → CANCELLED; running steps are
 * aborted in every process (NOTIFY) and in this one at commit. Returns the cancelled steps.
 */
export async function cancelJob(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  job: JobState,
): Promise<CancelledStep[]> {
  const steps = await dependencies.steps.cancelUnfinished(scope, job.id);
  await dependencies.jobs.update(scope, job.id, { status: 'CANCELLED', finished: true });
  notifyAbort(dependencies, scope, { type: 'abort', jobId: job.id, reason: 'cancelled' });
  const at = new Date().toISOString();
  for (const step of steps.filter((cancelledStep) => cancelledStep.previousStatus !== 'PENDING')) {
    dependencies.publisher.publish(scope, stepEndEvent(step, 'CANCELLED', { at }));
  }
  dependencies.publisher.publish(scope, { type: 'job-end', jobId: job.id, status: 'CANCELLED', at });
  scope.afterCommit(() => {
    dependencies.inFlight.abortJob(job.id, 'cancelled');
  });
  return steps;
}
