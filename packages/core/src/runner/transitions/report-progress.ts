import { isTerminalJobStatus } from '../../persistence/job-status.js';
import type { TransactionScope } from '../../persistence/database.js';
import { computeProgressWithin } from '../job-progress.js';
import type { JobState, StepRunState } from '../step-run-state.js';
import type { HandOffDependencies } from './hand-off.js';

/**
 * A running step reports how far its provider call is: the job's progress moves forward (never
 * back) and a `progress` event goes out, while the attempt still holds its lease. Null when nothing changed.
 */
export async function reportProgress(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  job: JobState,
  change: { step: StepRunState; leaseToken: string; fraction: number },
): Promise<number | null> {
  if (isTerminalJobStatus(job.status)) return null;
  const steps = await dependencies.store.listSteps(job.id, scope);
  const current = steps.find((step) => step.id === change.step.id);
  if (!current || current.status !== 'RUNNING' || current.leaseToken !== change.leaseToken) return null;
  const progress = computeProgressWithin(steps, change.step.step, change.fraction);
  if (progress <= job.progress) return null;
  await dependencies.jobs.update(scope, job.id, { progress });
  dependencies.publisher.publish(scope, { type: 'progress', jobId: job.id, progress, at: new Date().toISOString() });
  return progress;
}
