import type { JsonValue } from '../../spec/shared/v1/long-running-v1.js';
import { voiceOutputSchema } from '../step-outputs.js';
import type { StepDescriptor } from './step-descriptor.js';
import { narrationOf, scriptOf, visualInputsOf } from './step-inputs.js';
import { invalidOutput, validateOutput } from './step-output-check.js';

/** Script → narration (one audio, per-scene timings). Then one visual step per scene. */
export const voiceStep: StepDescriptor = {
  kind: 'voice',
  outputSchema: voiceOutputSchema,
  readsCompletedSteps: true,
  async run({ job, step, completed, registry, options }) {
    const script = scriptOf(job, completed);
    const provider = registry.get('voice', step.provider);
    const result = await provider.doSynthesize({
      ...options,
      script,
      brief: job.brief,
      ...(job.brief.voice ? { voice: job.brief.voice } : {}),
    });
    const output = validateOutput(step, voiceOutputSchema, {
      narration: result.narration,
      warnings: result.warnings ?? [],
    });
    if (output.narration.scenes.length !== script.scenes.length) {
      throw invalidOutput(
        step,
        `narration has ${output.narration.scenes.length} scenes, the script has ${script.scenes.length}`,
      );
    }
    return { type: 'completed', output, usage: result.usage ?? {} };
  },
  next({ job, completed, steps }) {
    const inputs = visualInputsOf(scriptOf(job, steps), narrationOf(job, [completed]));
    return {
      type: 'create',
      steps: inputs.map((input) => ({
        jobId: job.id,
        step: 'visual',
        sceneIndex: input.scene.index,
        provider: job.providers.visual,
        input: input as unknown as JsonValue,
      })),
    };
  },
};
