import { STYLE_CATALOGUE } from '../../styles/style-catalogue.js';
import { scriptOutputSchema } from '../step-outputs.js';
import type { StepDescriptor } from './step-descriptor.js';
import { validateOutput } from './step-output-check.js';

/** Brief → script. Then the voice step. */
export const scriptStep: StepDescriptor = {
  kind: 'script',
  outputSchema: scriptOutputSchema,
  readsCompletedSteps: false,
  async run({ job, step, registry, options }) {
    const provider = registry.get('script', step.provider);
    const result = await provider.doGenerate({ ...options, brief: job.brief, style: STYLE_CATALOGUE[job.brief.style] });
    const output = validateOutput(step, scriptOutputSchema, { script: result.script, warnings: result.warnings ?? [] });
    return { type: 'completed', output, usage: result.usage ?? {} };
  },
  next({ job }) {
    return {
      type: 'create',
      steps: [{ jobId: job.id, step: 'voice', sceneIndex: null, provider: job.providers.voice, input: null }],
    };
  },
};
