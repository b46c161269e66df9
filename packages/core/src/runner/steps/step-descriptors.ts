import type { StepKind } from '../../domain/brief.js';
import { assemblyStep } from './assembly.js';
import { scriptStep } from './script.js';
import type { StepDescriptor } from './step-descriptor.js';
import { visualStep } from './visual.js';
import { voiceStep } from './voice.js';

/** Every step kind's descriptor: the one table the runner looks kinds up in. */
export const STEP_DESCRIPTORS: Record<StepKind, StepDescriptor> = {
  script: scriptStep,
  voice: voiceStep,
  visual: visualStep,
  assembly: assemblyStep,
};
