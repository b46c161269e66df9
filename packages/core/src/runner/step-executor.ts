import type { z } from 'zod';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { outputFormatFor } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import { describeZodError, parseWith } from '../errors/validation.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { AssemblyProviderV1 } from '../spec/assembly/v1/assembly-provider-v1.js';
import type { CallOptionsV1 } from '../spec/shared/v1/call-options-v1.js';
import type { JsonValue, StatusOptionsV1, StatusResultV1 } from '../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';
import type { VisualProviderV1 } from '../spec/visual/v1/visual-provider-v1.js';
import { STYLE_CATALOGUE } from '../styles/style-catalogue.js';
import { buildTimeline } from '../timeline/build-timeline.js';
import type { Timeline } from '../timeline/timeline.js';
import { describeStep, type JobState, type StepRunState } from './step-run-state.js';
import { artifactPrefixOf, idempotencyKeyOf, type StepMetadata } from './step-keys.js';
import {
  assemblyOutputSchema,
  scriptOutputSchema,
  visualInputSchema,
  visualOutputSchema,
  voiceOutputSchema,
  type ScriptOutput,
  type VoiceOutput,
} from './step-outputs.js';

/** The result of running a step's provider once. */
export type ExecutionOutcome =
  | { type: 'completed'; output: JsonValue; usage: UsageV1; input?: JsonValue }
  | { type: 'started'; operation: JsonValue; externalId: string; pollAfterMs?: number; usage: UsageV1; metadata?: StepMetadata };

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

function invalidOutput(step: StepRunState, detail: string): LooplyError {
  return new LooplyError('invalid-provider-output', `${describeStep(step)} provider "${step.provider}" returned an invalid result: ${detail}`);
}

/** Calls the provider of a step with inputs read from earlier steps, and validates what comes back. */
export class StepExecutor {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly artifacts: ArtifactStore,
    private readonly providerOptions: Record<string, Record<string, unknown>> | undefined,
  ) {}

  private callOptions(step: StepRunState, abortSignal: AbortSignal): CallOptionsV1 {
    return {
      abortSignal,
      idempotencyKey: idempotencyKeyOf(step),
      artifacts: this.artifacts,
      artifactPrefix: artifactPrefixOf(step),
      ...(this.providerOptions ? { providerOptions: this.providerOptions } : {}),
    };
  }

  private completedOutput(context: StepContext, kind: 'script' | 'voice'): JsonValue {
    const found = context.completed.find((step) => step.step === kind);
    if (!found?.output) throw new LooplyError('missing-step-output', `Job ${context.job.id}: the ${kind} step has no stored output`);
    return found.output;
  }

  private scriptOf(context: StepContext): ScriptOutput {
    return parseWith(scriptOutputSchema, this.completedOutput(context, 'script'), `job ${context.job.id} stored script output`);
  }

  private narrationOf(context: StepContext): VoiceOutput {
    return parseWith(voiceOutputSchema, this.completedOutput(context, 'voice'), `job ${context.job.id} stored voice output`);
  }

  /** Runs the provider once (or starts its remote work). Throws what the provider throws. */
  async run(context: StepContext, abortSignal: AbortSignal): Promise<ExecutionOutcome> {
    const { job, step } = context;
    const style = STYLE_CATALOGUE[job.brief.style];
    const options = this.callOptions(step, abortSignal);
    switch (step.step) {
      case 'script': {
        const provider = this.registry.get('script', step.provider);
        const result = await provider.doGenerate({ ...options, brief: job.brief, style });
        const output = this.validate(step, scriptOutputSchema, { script: result.script, warnings: result.warnings ?? [] });
        return { type: 'completed', output: output as JsonValue, usage: result.usage ?? {} };
      }
      case 'voice': {
        const { script } = this.scriptOf(context);
        const provider = this.registry.get('voice', step.provider);
        const result = await provider.doSynthesize({ ...options, script, brief: job.brief, ...(job.brief.voice ? { voice: job.brief.voice } : {}) });
        const output = this.validate(step, voiceOutputSchema, { narration: result.narration, warnings: result.warnings ?? [] });
        if (output.narration.scenes.length !== script.scenes.length) {
          throw invalidOutput(step, `narration has ${output.narration.scenes.length} scenes, the script has ${script.scenes.length}`);
        }
        return { type: 'completed', output: output as JsonValue, usage: result.usage ?? {} };
      }
      case 'visual': {
        const input = parseWith(visualInputSchema, step.input, `${describeStep(step)} input`);
        const provider: VisualProviderV1 = this.registry.get('visual', step.provider);
        const visualOptions = { ...options, scene: input.scene, style, output: outputFormatFor(job.brief.aspectRatio), title: input.title };
        if (provider.mode === 'long-running') {
          const started = await provider.doStart(visualOptions);
          return this.started(step, started);
        }
        const result = await provider.doGenerate(visualOptions);
        return { type: 'completed', output: this.visualOutput(step, result) as JsonValue, usage: result.usage ?? {} };
      }
      case 'assembly': {
        const timeline = this.timelineOf(context);
        const provider: AssemblyProviderV1 = this.registry.get('assembly', step.provider);
        const assemblyOptions = { ...options, timeline };
        if (provider.mode === 'long-running') {
          const started = await provider.doStart(assemblyOptions);
          return this.started(step, started);
        }
        const result = await provider.doGenerate(assemblyOptions);
        return {
          type: 'completed',
          output: this.assemblyOutput(step, result) as JsonValue,
          usage: result.usage ?? {},
          input: timeline as unknown as JsonValue,
        };
      }
    }
  }

  /** Asks a long-running provider about a waiting step's operation. */
  async status(step: StepRunState, abortSignal: AbortSignal): Promise<StatusOutcome> {
    if (step.operation === null) throw new LooplyError('missing-operation', `${describeStep(step)} is waiting without an operation`);
    const provider = this.longRunningProvider(step);
    const statusOptions: StatusOptionsV1 = {
      operation: step.operation,
      abortSignal,
      idempotencyKey: idempotencyKeyOf(step),
      artifacts: this.artifacts,
      artifactPrefix: artifactPrefixOf(step),
    };
    const answer: StatusResultV1<unknown> = await provider.doStatus(statusOptions);
    if (answer.status === 'pending') return { type: 'pending', pollAfterMs: answer.pollAfterMs };
    if (answer.status === 'error') return { type: 'error', message: answer.message, retryable: answer.retryable };
    const result = answer.result as { usage?: UsageV1 };
    const output = step.step === 'visual' ? this.visualOutput(step, answer.result) : this.assemblyOutput(step, answer.result);
    const metadata = this.metadataOf(step, answer.metadata, 'doStatus');
    return { type: 'completed', output: output as JsonValue, usage: result.usage ?? {}, ...(metadata ? { metadata } : {}) };
  }

  /** Cancels remote work where the provider supports it. */
  async cancelRemote(step: StepRunState, abortSignal: AbortSignal): Promise<boolean> {
    if (step.operation === null) return false;
    const provider = this.longRunningProvider(step);
    if (!provider.doCancel) return false;
    await provider.doCancel({ operation: step.operation, abortSignal });
    return true;
  }

  /** Whether the step's kind may have long-running providers (remote work to poll or cancel). */
  mayRunLong(step: Pick<StepRunState, 'step'>): boolean {
    return step.step === 'visual' || step.step === 'assembly';
  }

  longRunningProvider(step: Pick<StepRunState, 'step' | 'provider' | 'sceneIndex'>) {
    if (step.step !== 'visual' && step.step !== 'assembly') {
      throw new LooplyError('not-long-running', `${describeStep(step)}: ${step.step} providers are never long-running`);
    }
    const provider: VisualProviderV1 | AssemblyProviderV1 = this.registry.get(step.step, step.provider);
    if (provider.mode !== 'long-running') {
      throw new LooplyError('not-long-running', `${describeStep(step)}: provider "${step.provider}" is not long-running`);
    }
    return provider;
  }

  private started(
    step: StepRunState,
    started: { operation: JsonValue; externalId: string; pollAfterMs?: number; usage?: UsageV1; metadata?: StepMetadata },
  ): ExecutionOutcome {
    if (typeof started.externalId !== 'string' || started.externalId.length === 0) throw invalidOutput(step, 'doStart returned no externalId');
    if (started.operation === undefined) throw invalidOutput(step, 'doStart returned no operation');
    const metadata = this.metadataOf(step, started.metadata, 'doStart');
    return {
      type: 'started',
      operation: started.operation,
      externalId: started.externalId,
      pollAfterMs: started.pollAfterMs,
      usage: started.usage ?? {},
      ...(metadata ? { metadata } : {}),
    };
  }

  /** Metadata must be a JSON object: it is merged into the job's metadata. */
  private metadataOf(step: StepRunState, metadata: unknown, method: string): StepMetadata | undefined {
    if (metadata === undefined) return undefined;
    if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) throw invalidOutput(step, `${method} returned metadata that is not an object`);
    try {
      return JSON.parse(JSON.stringify(metadata)) as StepMetadata;
    } catch (error) {
      throw invalidOutput(step, `${method} returned metadata that is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private visualOutput(step: StepRunState, result: unknown) {
    const raw = result as { visual?: unknown; warnings?: unknown };
    const output = this.validate(step, visualOutputSchema, { visual: raw.visual, warnings: raw.warnings ?? [] });
    if (output.visual.sceneIndex !== step.sceneIndex) {
      throw invalidOutput(step, `visual is for scene ${output.visual.sceneIndex}, expected scene ${step.sceneIndex}`);
    }
    return output;
  }

  private assemblyOutput(step: StepRunState, result: unknown) {
    const raw = result as Record<string, unknown>;
    return this.validate(step, assemblyOutputSchema, {
      video: raw.video,
      durationSec: raw.durationSec,
      width: raw.width,
      height: raw.height,
      warnings: raw.warnings ?? [],
    });
  }

  private validate<Schema extends z.ZodType>(step: StepRunState, schema: Schema, value: unknown): z.output<Schema> {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw invalidOutput(step, describeZodError(parsed.error, 'result'));
  }

  private timelineOf(context: StepContext): Timeline {
    const { script } = this.scriptOf(context);
    const { narration } = this.narrationOf(context);
    const visuals = context.completed
      .filter((step) => step.step === 'visual')
      .sort((first, second) => (first.sceneIndex ?? 0) - (second.sceneIndex ?? 0))
      .map((step) => parseWith(visualOutputSchema, step.output, `${describeStep(step)} stored output`).visual);
    if (visuals.length !== script.scenes.length) {
      throw new LooplyError('missing-step-output', `Job ${context.job.id}: ${visuals.length} of ${script.scenes.length} visuals are completed`);
    }
    return buildTimeline({ brief: context.job.brief, script, narration, visuals });
  }
}
