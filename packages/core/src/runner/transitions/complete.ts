import type { TransactionScope } from '../../persistence/database.js';
import type { JsonValue } from '../../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../../spec/shared/v1/usage-v1.js';
import { metadataKeyOf, type StepMetadata } from '../step-keys.js';
import type { JobState, StepFence, StepRunState } from '../step-run-state.js';
import type { HandOffDependencies } from './hand-off.js';
import { stepEndEvent } from './step-end-event.js';

export interface CompleteChange {
  step: StepRunState;
  fence: StepFence;
  output: JsonValue;
  usage: UsageV1;
  /** What the step was run with, when built at run time (the assembly's timeline). */
  input?: JsonValue;
  metadata?: StepMetadata;
}

/** RUNNING or WAITING → COMPLETED: stores the output and hands off to what follows. Null when fenced out. */
export async function completeStep(
  dependencies: HandOffDependencies,
  scope: TransactionScope,
  job: JobState,
  change: CompleteChange,
): Promise<StepRunState | null> {
  const completed = await dependencies.steps.complete(
    scope,
    change.step.id,
    change.fence,
    change.output,
    change.usage,
    change.input,
  );
  if (!completed) return null;
  if (change.metadata)
    await dependencies.jobs.mergeStepMetadata(scope, job.id, metadataKeyOf(completed), change.metadata);
  dependencies.publisher.publish(scope, stepEndEvent(completed, 'COMPLETED', { usage: change.usage }));
  await dependencies.pipeline.advance(scope, job, completed);
  return completed;
}
