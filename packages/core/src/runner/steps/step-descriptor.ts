import type Logger from 'bunyan';
import type { z } from 'zod';
import type { StepKind } from '../../domain/brief.js';
import type { JobResult } from '../../persistence/job-columns.js';
import type { OutputCheck } from '../../quality/output-check.js';
import type { ProviderRegistry } from '../../registry/provider-registry.js';
import type { AssemblyProviderV1 } from '../../spec/assembly/v1/assembly-provider-v1.js';
import type { CallOptionsV1 } from '../../spec/shared/v1/call-options-v1.js';
import type { JsonValue } from '../../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../../spec/shared/v1/usage-v1.js';
import type { VisualProviderV1 } from '../../spec/visual/v1/visual-provider-v1.js';
import type { StepMetadata } from '../step-keys.js';
import type { JobState, StepRunState } from '../step-run-state.js';
import type { NewStep } from '../step-run-store.js';

/** The result of running a step's provider once. */
export type ExecutionOutcome =
  | { type: 'completed'; output: JsonValue; usage: UsageV1; input?: JsonValue }
  | {
      type: 'started';
      operation: JsonValue;
      externalId: string;
      pollAfterMs?: number;
      usage: UsageV1;
      metadata?: StepMetadata;
    };

/** The answer of a long-running provider about a waiting step. */
export type StatusOutcome =
  | { type: 'completed'; output: JsonValue; usage: UsageV1; metadata?: StepMetadata }
  | { type: 'pending'; pollAfterMs?: number }
  | { type: 'error'; message: string; retryable: boolean };

/** A step and everything it reads: its job and the job's completed steps. */
export interface StepContext {
  job: JobState;
  step: StepRunState;
  completed: StepRunState[];
}

/** What a descriptor's `run` gets: the step, its provider registry and the call options every provider receives. */
export interface StepRunContext extends StepContext {
  registry: ProviderRegistry;
  options: CallOptionsV1;
  /** Reports the share (0–1) of the provider call that is done; the runner turns it into job progress. */
  onProgress: (fraction: number) => void;
  /** Measures the finished video (assembly), when the engine was given a check. */
  outputCheck?: OutputCheck;
  /** The step's logger (job, step, provider). */
  log: Logger;
}

/** What follows a completed step: steps to create, or the job's result when it was the last one. */
export type NextSteps = { type: 'create'; steps: NewStep[] } | { type: 'finish'; result: JobResult };

/** A completed step among all the job's steps, read under the job lock. */
export interface AdvanceContext {
  job: JobState;
  completed: StepRunState;
  steps: StepRunState[];
}

/**
 * Everything the runner knows about one step kind, in one place: how its input is built from the
 * job, how its provider is called, what it stores and what comes next. The runner has no per-kind
 * switch; adding a kind is one descriptor (plus its provider spec).
 */
export interface StepDescriptor {
  kind: StepKind;
  /** What a completed step stores in `step_run.output`. */
  outputSchema: z.ZodType;
  /** Whether running it reads the job's completed steps (the claim fetches them in the same round trip). */
  readsCompletedSteps: boolean;
  run(context: StepRunContext): Promise<ExecutionOutcome>;
  next(context: AdvanceContext): NextSteps;
  /** Present when providers of this kind may be long-running (start, then poll or webhook). */
  longRunning?: {
    provider(registry: ProviderRegistry, id: string): VisualProviderV1 | AssemblyProviderV1;
    /** Validates a finished remote result into what the step stores. */
    outputOf(step: StepRunState, result: unknown): JsonValue;
  };
}
