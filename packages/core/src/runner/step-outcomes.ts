import type Logger from 'bunyan';
import type { RemoteCancel } from './remote-cancel.js';
import { retryDelayMs, type ErrorDecision, type RetrySettings } from './retry-policy.js';
import type { StatusOutcome } from './step-executor.js';
import type { JobState, StepFence, StepRunState } from './step-run-state.js';
import { completeStep } from './transitions/complete.js';
import { failJob } from './transitions/fail.js';
import { handOff, type HandOffDependencies, type QueueMessage } from './transitions/hand-off.js';
import { reschedulePoll } from './transitions/reschedule.js';
import { retryStep } from './transitions/retry.js';
import { stepFailureOf } from './transitions/step-end-event.js';
import { addUsage } from './usage-totals.js';

export interface OutcomeSettings extends RetrySettings {
  leaseMs: number;
  /** Default wait between polls of a long-running step. */
  pollIntervalMs: number;
}

/** What a failed attempt or a provider's status answer leads to: which transition, with which message. */
export class StepOutcomes {
  constructor(
    private readonly dependencies: HandOffDependencies,
    private readonly remoteCancel: RemoteCancel,
    private readonly settings: OutcomeSettings,
  ) {}

  /**
   * Applies a long-running provider's answer to a waiting step; `message` is the poll that asked
   * (undefined for a webhook). False when the step had moved on.
   */
  async settle(
    job: JobState,
    step: StepRunState,
    status: StatusOutcome,
    message: QueueMessage | undefined,
    log: Logger,
  ): Promise<boolean> {
    const fence: StepFence = { kind: 'waiting', attempt: step.attempt };
    switch (status.type) {
      case 'completed': {
        const usage = addUsage(step.usage, status.usage);
        const change = {
          step,
          fence,
          output: status.output,
          usage,
          ...(status.metadata ? { metadata: status.metadata } : {}),
        };
        return (
          (await handOff(this.dependencies, job.id, message, (scope, locked) =>
            completeStep(this.dependencies, scope, locked, change),
          )) !== null
        );
      }
      case 'pending':
        if (message) return this.reschedulePoll(step, message, this.pollDelayMs(status.pollAfterMs));
        return true;
      case 'error': {
        const decision: Exclude<ErrorDecision, { kind: 'aborted' }> = {
          kind: status.retryable ? 'retry' : 'fail',
          message: status.message,
          code: 'remote-error',
        };
        await this.onFailure(step, fence, decision, message, log);
        return true;
      }
    }
  }

  /** Retries (with backoff) while attempts remain and the error allows it; fails the job otherwise. */
  async onFailure(
    step: StepRunState,
    fence: StepFence,
    decision: Exclude<ErrorDecision, { kind: 'aborted' }>,
    message: QueueMessage | undefined,
    log: Logger,
    cause?: unknown,
  ): Promise<void> {
    const failure = stepFailureOf(step, {
      message: decision.message,
      code: decision.code,
      retryable: decision.kind === 'retry',
    });
    if (decision.kind === 'retry' && step.attempt < this.settings.maxAttempts) {
      const delayMs = retryDelayMs(step.attempt, this.settings, decision.retryAfterMs);
      log.warn({ err: cause, delayMs }, 'step failed, retrying');
      await handOff(this.dependencies, step.jobId, message, (scope, job) =>
        retryStep(this.dependencies, scope, job, { step, fence, failure, delayMs }),
      );
      return;
    }
    const final =
      decision.kind === 'retry'
        ? { ...failure, message: `${failure.message} (gave up after ${step.attempt} attempts)` }
        : failure;
    log.error({ err: cause, failure: final }, 'step failed, failing the job');
    const cancelled = await handOff(this.dependencies, step.jobId, message, (scope, job) =>
      failJob(this.dependencies, scope, job, { step, fence, failure: final }),
    );
    if (cancelled) await this.remoteCancel.cancel(cancelled);
  }

  /** A provider's hint, but never under a tenth of the configured interval (no hot polling loop on `0`). */
  pollDelayMs(hint: number | undefined): number {
    if (hint === undefined || !Number.isFinite(hint)) return this.settings.pollIntervalMs;
    return Math.max(hint, this.settings.pollIntervalMs / 10);
  }

  async reschedulePoll(step: StepRunState, message: QueueMessage, delayMs: number): Promise<boolean> {
    const change = { step, previousQueueJobId: message.id, delayMs, leaseMs: this.settings.leaseMs };
    return (
      (await handOff(this.dependencies, step.jobId, message, (scope) =>
        reschedulePoll(this.dependencies, scope, change),
      )) !== null
    );
  }
}
