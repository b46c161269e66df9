import { outputFormatFor } from '../../domain/brief.js';
import { parseWith } from '../../errors/validation.js';
import { STYLE_CATALOGUE } from '../../styles/style-catalogue.js';
import { visualInputSchema, visualOutputSchema } from '../step-outputs.js';
import { describeStep, type StepRunState } from '../step-run-state.js';
import type { StepDescriptor } from './step-descriptor.js';
import { invalidOutput, startedOutcome, validateOutput } from './step-output-check.js';

function visualOutput(step: StepRunState, result: unknown) {
  const raw = result as { visual?: unknown; warnings?: unknown };
  const output = validateOutput(step, visualOutputSchema, { visual: raw.visual, warnings: raw.warnings ?? [] });
  if (output.visual.sceneIndex !== step.sceneIndex) {
    throw invalidOutput(step, `visual is for scene ${output.visual.sceneIndex}, expected scene ${step.sceneIndex}`);
  }
  return output;
}

/** One scene's picture or clip, short or long-running. When every scene's is done: the assembly step. */
export const visualStep: StepDescriptor = {
  kind: 'visual',
  outputSchema: visualOutputSchema,
  readsCompletedSteps: false,
  async run({ job, step, registry, options }) {
    const input = parseWith(visualInputSchema, step.input, `${describeStep(step)} input`);
    const provider = registry.get('visual', step.provider);
    const style = STYLE_CATALOGUE[job.brief.style];
    const visualOptions = {
      ...options,
      scene: input.scene,
      style,
      output: outputFormatFor(job.brief.aspectRatio),
      title: input.title,
    };
    if (provider.mode === 'long-running') return startedOutcome(step, await provider.doStart(visualOptions));
    const result = await provider.doGenerate(visualOptions);
    return { type: 'completed', output: visualOutput(step, result), usage: result.usage ?? {} };
  },
  next({ job, steps }) {
    // The job row is locked: of two visuals finishing together, the second sees the first's
    // commit here, so exactly one of them creates the assembly step.
    const visuals = steps.filter((step) => step.step === 'visual');
    const allDone = visuals.length > 0 && visuals.every((step) => step.status === 'COMPLETED');
    return {
      type: 'create',
      steps: allDone
        ? [{ jobId: job.id, step: 'assembly', sceneIndex: null, provider: job.providers.assembly, input: null }]
        : [],
    };
  },
  longRunning: {
    provider: (registry, id) => registry.get('visual', id),
    outputOf: visualOutput,
  },
};
