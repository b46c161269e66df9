import type { JsonValue } from '../spec/shared/v1/long-running-v1.js';
import type { StepRunState } from './step-run-state.js';

/** What a long-running provider asks to keep in the job's metadata (`StartResultV1.metadata`). */
export type StepMetadata = Record<string, JsonValue>;

/** `${jobId}:${step}[:${sceneIndex}]`: the same for every attempt, so vendors can dedupe paid calls. */
export function idempotencyKeyOf(step: Pick<StepRunState, 'jobId' | 'step' | 'sceneIndex'>): string {
  return step.sceneIndex === null ? `${step.jobId}:${step.step}` : `${step.jobId}:${step.step}:${step.sceneIndex}`;
}

/** `<step>[:<sceneIndex>]`: where a step's metadata goes in the job's `metadata.steps`. */
export function metadataKeyOf(step: Pick<StepRunState, 'step' | 'sceneIndex'>): string {
  return step.sceneIndex === null ? step.step : `${step.step}:${step.sceneIndex}`;
}

/** `jobs/<jobId>/<step>[/scene-<n>]`: where the step's artifacts go. */
export function artifactPrefixOf(step: Pick<StepRunState, 'jobId' | 'step' | 'sceneIndex'>): string {
  return step.sceneIndex === null
    ? `jobs/${step.jobId}/${step.step}`
    : `jobs/${step.jobId}/${step.step}/scene-${step.sceneIndex}`;
}
