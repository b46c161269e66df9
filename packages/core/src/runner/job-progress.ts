import type { StepKind } from '../domain/brief.js';
import type { StepStatus } from '../persistence/job-status.js';

/** Share of the 0–100 progress each step kind is worth; visuals are split evenly per scene. */
export const STEP_PROGRESS_WEIGHTS: Record<StepKind, number> = { script: 10, voice: 20, visual: 50, assembly: 20 };

/** Progress of a job from its step rows (a completed job is always 100). */
export function computeProgress(steps: ReadonlyArray<{ step: StepKind; status: StepStatus }>): number {
  const done = (kind: StepKind): boolean => steps.some((step) => step.step === kind && step.status === 'COMPLETED');
  let progress = 0;
  if (done('script')) progress += STEP_PROGRESS_WEIGHTS.script;
  if (done('voice')) progress += STEP_PROGRESS_WEIGHTS.voice;
  const visuals = steps.filter((step) => step.step === 'visual');
  if (visuals.length > 0) {
    const completed = visuals.filter((step) => step.status === 'COMPLETED').length;
    progress += (STEP_PROGRESS_WEIGHTS.visual * completed) / visuals.length;
  }
  if (done('assembly')) progress += STEP_PROGRESS_WEIGHTS.assembly;
  return Math.min(100, Math.floor(progress));
}

/**
 * Progress of a job while one of its steps is `fraction` (0–1) done: the completed steps' share
 * plus that part of the running step's (a visual's share is its scene's). Below 100 until assembled.
 */
export function computeProgressWithin(
  steps: ReadonlyArray<{ step: StepKind; status: StepStatus }>,
  running: StepKind,
  fraction: number,
): number {
  const share =
    STEP_PROGRESS_WEIGHTS[running] /
    (running === 'visual' ? Math.max(1, steps.filter((step) => step.step === 'visual').length) : 1);
  const done = computeProgress(steps);
  return Math.min(99, Math.floor(done + share * Math.min(1, Math.max(0, fraction))));
}
