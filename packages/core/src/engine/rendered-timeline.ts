import { parseWith } from '../errors/validation.js';
import type { StepRunStore } from '../runner/step-run-store.js';
import { timelineSchema } from '../timeline/timeline-schema.js';
import type { Timeline } from '../timeline/timeline.js';

/**
 * The timeline a job's video was rendered from: its assembly step's stored input (the one copy),
 * or null before the assembly started or when its assembler ran remotely.
 */
export async function readRenderedTimeline(store: StepRunStore, jobId: string): Promise<Timeline | null> {
  const steps = await store.listSteps(jobId);
  const assembly = steps.find((step) => step.step === 'assembly' && step.input !== null);
  if (!assembly) return null;
  return parseWith(timelineSchema, assembly.input, `job ${jobId} assembly input`) as Timeline;
}
