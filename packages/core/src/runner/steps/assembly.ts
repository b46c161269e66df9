import { parseWith } from '../../errors/validation.js';
import { runOutputCheck } from '../../quality/output-check.js';
import type { JsonValue } from '../../spec/shared/v1/long-running-v1.js';
import { assemblyOutputSchema } from '../step-outputs.js';
import type { StepRunState } from '../step-run-state.js';
import type { StepDescriptor } from './step-descriptor.js';
import { timelineOf } from './step-inputs.js';
import { startedOutcome, validateOutput } from './step-output-check.js';

/**
 * With an output check, the share of the assembly step the render takes; the check takes the rest.
 * Measured on a 10 s local video (docs/decisions/0026-output-check-in-the-assembly-step.md): 15–20 s
 * of render, 9–16 s of check.
 */
export const RENDER_SHARE_WITH_CHECK = 0.55;

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

/** Timeline → the finished MP4 (short or long-running, with render progress), then the output check. */
export const assemblyStep: StepDescriptor = {
  kind: 'assembly',
  outputSchema: assemblyOutputSchema,
  readsCompletedSteps: true,
  async run(context) {
    const { job, step, completed, registry, options, outputCheck } = context;
    const timeline = timelineOf(job, completed);
    const provider = registry.get('assembly', step.provider);
    // The render's progress leaves room for the check's, so the bar keeps moving honestly.
    const renderShare = outputCheck ? RENDER_SHARE_WITH_CHECK : 1;
    const onProgress = (fraction: number) => context.onProgress(fraction * renderShare);
    const assemblyOptions = { ...options, timeline, onProgress };
    if (provider.mode === 'long-running') return startedOutcome(step, await provider.doStart(assemblyOptions));
    const result = await provider.doGenerate(assemblyOptions);
    const output = assemblyOutput(step, result);
    if (outputCheck) {
      context.onProgress(renderShare);
      const { artifacts, abortSignal } = options;
      output.quality = await runOutputCheck(
        outputCheck,
        { video: output.video, timeline, abortSignal, artifacts },
        context.log,
      );
    }
    // The timeline is stored as the step's input: the one copy of what was rendered (and checked).
    return {
      type: 'completed',
      output: output as JsonValue,
      usage: result.usage ?? {},
      input: timeline as unknown as JsonValue,
    };
  },
  next({ job, completed }) {
    const output = parseWith(assemblyOutputSchema, completed.output, `job ${job.id} assembly output`);
    return {
      type: 'finish',
      result: {
        video: output.video,
        durationSec: output.durationSec,
        width: output.width,
        height: output.height,
        ...(output.quality ? { quality: output.quality } : {}),
      },
    };
  },
  longRunning: {
    provider: (registry, id) => registry.get('assembly', id),
    outputOf: assemblyOutput,
  },
};
