import { LooplyError } from '../../errors/looply-error.js';
import { parseWith } from '../../errors/validation.js';
import { buildTimeline } from '../../timeline/build-timeline.js';
import type { Timeline } from '../../timeline/timeline.js';
import {
  scriptOutputSchema,
  visualOutputSchema,
  voiceOutputSchema,
  type ScriptOutput,
  type VisualInput,
  type VoiceOutput,
} from '../step-outputs.js';
import { describeStep, type JobState, type StepRunState } from '../step-run-state.js';

/**
 * Every step's input is built here from the job and its earlier steps' stored outputs: voice
 * reads the script, a visual its scene (built at the voice → visual hand-off), assembly the
 * timeline of everything.
 */
function storedOutput(job: JobState, steps: StepRunState[], kind: 'script' | 'voice'): unknown {
  const found = steps.find((step) => step.step === kind && step.output !== null);
  if (!found) throw new LooplyError('missing-step-output', `Job ${job.id}: the ${kind} step has no stored output`);
  return found.output;
}

export function scriptOf(job: JobState, steps: StepRunState[]): ScriptOutput['script'] {
  return parseWith(scriptOutputSchema, storedOutput(job, steps, 'script'), `job ${job.id} stored script output`).script;
}

export function narrationOf(job: JobState, steps: StepRunState[]): VoiceOutput['narration'] {
  return parseWith(voiceOutputSchema, storedOutput(job, steps, 'voice'), `job ${job.id} stored voice output`).narration;
}

/** One input per scene, each with the scene's length as the narration spoke it. */
export function visualInputsOf(script: ScriptOutput['script'], narration: VoiceOutput['narration']): VisualInput[] {
  return script.scenes.map((scene, index) => {
    const timing = narration.scenes[index];
    return {
      title: script.title,
      scene: {
        index,
        count: script.scenes.length,
        narration: scene.narration,
        prompt: scene.visual,
        durationSec: Math.max(0.1, Math.round((timing.endSec - timing.startSec) * 1000) / 1000),
      },
    };
  });
}

/** The provider-neutral edit the assembler renders, from the script, narration and every scene's visual. */
export function timelineOf(job: JobState, completed: StepRunState[]): Timeline {
  const script = scriptOf(job, completed);
  const narration = narrationOf(job, completed);
  const visuals = completed
    .filter((step) => step.step === 'visual')
    .sort((first, second) => (first.sceneIndex ?? 0) - (second.sceneIndex ?? 0))
    .map((step) => parseWith(visualOutputSchema, step.output, `${describeStep(step)} stored output`).visual);
  if (visuals.length !== script.scenes.length) {
    throw new LooplyError(
      'missing-step-output',
      `Job ${job.id}: ${visuals.length} of ${script.scenes.length} visuals are completed`,
    );
  }
  return buildTimeline({ brief: job.brief, script, narration, visuals });
}
