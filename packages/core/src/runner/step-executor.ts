import type Logger from 'bunyan';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { LooplyError } from '../errors/looply-error.js';
import type { OutputCheck } from '../quality/output-check.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { CallOptionsV1 } from '../spec/shared/v1/call-options-v1.js';
import type { StatusResultV1 } from '../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';
import { artifactPrefixOf, idempotencyKeyOf } from './step-keys.js';
import { describeStep, type StepRunState } from './step-run-state.js';
import type { ExecutionOutcome, StatusOutcome, StepContext, StepDescriptor } from './steps/step-descriptor.js';
import { STEP_DESCRIPTORS } from './steps/step-descriptors.js';
import { metadataOf } from './steps/step-output-check.js';

export type { ExecutionOutcome, StatusOutcome, StepContext } from './steps/step-descriptor.js';

/** Calls the provider of a step through its kind's descriptor, with the call options every provider receives. */
export class StepExecutor {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly artifacts: ArtifactStore,
    private readonly providerOptions: Record<string, Record<string, unknown>> | undefined,
    private readonly logger: Logger,
    private readonly outputCheck?: OutputCheck,
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

  /** Runs the provider once (or starts its remote work). Throws what the provider throws. */
  async run(
    context: StepContext,
    abortSignal: AbortSignal,
    onProgress: (fraction: number) => void = () => undefined,
  ): Promise<ExecutionOutcome> {
    const options = this.callOptions(context.step, abortSignal);
    const { step } = context;
    const log = this.logger.child({ jobId: step.jobId, step: describeStep(step), provider: step.provider });
    return STEP_DESCRIPTORS[step.step].run({
      ...context,
      registry: this.registry,
      options,
      onProgress,
      log,
      ...(this.outputCheck ? { outputCheck: this.outputCheck } : {}),
    });
  }

  /** Asks a long-running provider about a waiting step's operation. */
  async status(step: StepRunState, abortSignal: AbortSignal): Promise<StatusOutcome> {
    if (step.operation === null)
      throw new LooplyError('missing-operation', `${describeStep(step)} is waiting without an operation`);
    const { descriptor, provider } = this.longRunningProvider(step);
    const { providerOptions: _providerOptions, ...statusOptions } = this.callOptions(step, abortSignal);
    const answer: StatusResultV1<unknown> = await provider.doStatus({ ...statusOptions, operation: step.operation });
    if (answer.status === 'pending') return { type: 'pending', pollAfterMs: answer.pollAfterMs };
    if (answer.status === 'error') return { type: 'error', message: answer.message, retryable: answer.retryable };
    const usage = (answer.result as { usage?: UsageV1 }).usage ?? {};
    const output = descriptor.outputOf(step, answer.result);
    const metadata = metadataOf(step, answer.metadata, 'doStatus');
    return { type: 'completed', output, usage, ...(metadata ? { metadata } : {}) };
  }

  /** Cancels remote work where the provider supports it. */
  async cancelRemote(step: StepRunState, abortSignal: AbortSignal): Promise<boolean> {
    if (step.operation === null) return false;
    const { provider } = this.longRunningProvider(step);
    if (!provider.doCancel) return false;
    await provider.doCancel({ operation: step.operation, abortSignal });
    return true;
  }

  /** Whether the step's kind may have long-running providers (remote work to poll or cancel). */
  mayRunLong(step: Pick<StepRunState, 'step'>): boolean {
    return STEP_DESCRIPTORS[step.step].longRunning !== undefined;
  }

  private longRunningProvider(step: StepRunState) {
    const descriptor: StepDescriptor['longRunning'] = STEP_DESCRIPTORS[step.step].longRunning;
    if (!descriptor)
      throw new LooplyError('not-long-running', `${describeStep(step)}: ${step.step} providers are never long-running`);
    const provider = descriptor.provider(this.registry, step.provider);
    if (provider.mode !== 'long-running') {
      throw new LooplyError(
        'not-long-running',
        `${describeStep(step)}: provider "${step.provider}" is not long-running`,
      );
    }
    return { descriptor, provider };
  }
}
