import { parseWith } from '../../errors/validation.js';
import type { JsonValue } from '../../spec/shared/v1/long-running-v1.js';
import { assemblyOutputSchema } from '../step-outputs.js';
import type { StepRunState } from '../step-run-state.js';
import type { StepDescriptor } from './step-descriptor.js';
import { timelineOf } from './step-inputs.js';
import { startedOutcome, validateOutput } from './step-output-check.js';

function assemblyOutput(step: StepRunState, result: unknown) {
  const raw = result as Record<string, unknown>;
  return validateOutput(step, assemblyOutputSchema, {
    video: raw.video,
    durationSec: raw.durationSec,
    width: raw.width,
    height: raw.height,
    warnings: raw.warnings ?? [],
  });
}

/** Timeline → the finished MP4, short or long-running, with render progress. Its completion finishes the job. */
export const assemblyStep: StepDescriptor = {
  kind: 'assembly',
  outputSchema: assemblyOutputSchema,
  readsCompletedSteps: true,
  async run({ job, step, completed, registry, options, onProgress }) {
    const timeline = timelineOf(job, completed);
    const provider = registry.get('assembly', step.provider);
    const assemblyOptions = { ...options, timeline, onProgress };
    if (provider.mode === 'long-running') return startedOutcome(step, await provider.doStart(assemblyOptions));
    const result = await provider.doGenerate(assemblyOptions);
    // The timeline is stored as the step's input: the one copy of what was rendered.
    return {
      type: 'completed',
      output: assemblyOutput(step, result),
      usage: result.usage ?? {},
      input: timeline as unknown as JsonValue,
    };
  },
  next({ job, completed }) {
    const output = parseWith(assemblyOutputSchema, completed.output, `job ${job.id} assembly output`);
    return {
      type: 'finish',
      result: { video: output.video, durationSec: output.durationSec, width: output.width, height: output.height },
    };
  },
  longRunning: {
    provider: (registry, id) => registry.get('assembly', id),
    outputOf: assemblyOutput,
  },
};
