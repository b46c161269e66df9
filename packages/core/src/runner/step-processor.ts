import { randomUUID } from 'node:crypto';
import type Logger from 'bunyan';
import type PgBoss from 'pg-boss';
import type { EventPublisher } from '../events/event-publisher.js';
import type { StepEndEvent } from '../events/job-event.js';
import type { NotificationChannels } from '../events/notification-channels.js';
import type { Database, TransactionScope } from '../persistence/database.js';
import type { StepFailure } from '../persistence/job-columns.js';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import type { JsonValue } from '../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';
import { abortReasonOf, type InFlightSteps } from './in-flight-steps.js';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import type { Pipeline } from './pipeline.js';
import { decideOnError, retryDelayMs, type ErrorDecision, type RetrySettings } from './retry-policy.js';
import { metadataKeyOf, type ExecutionOutcome, type StatusOutcome, type StepContext, type StepExecutor, type StepMetadata } from './step-executor.js';
import { STEP_QUEUES, sendInTransaction, stepMessageSchema, type StepMessage } from './step-queues.js';
import { describeStep, type JobState, type StepFence, type StepRunState } from './step-run-state.js';
import type { StepRunStore } from './step-run-store.js';
import { addUsage } from './usage-totals.js';

export interface ProcessorSettings extends RetrySettings {
  leaseMs: number;
  /** Default wait between polls of a long-running step. */
  pollIntervalMs: number;
}

export interface StepProcessorDependencies {
  database: Database;
  store: StepRunStore;
  pipeline: Pipeline;
  executor: StepExecutor;
  boss: PgBoss;
  channels: NotificationChannels;
  publisher: EventPublisher;
  inFlight: InFlightSteps;
  settings: ProcessorSettings;
  logger: Logger;
}

/** Where a status answer came from: a poll message (to reschedule or complete) or a webhook. */
type StatusSource = { kind: 'poll'; queue: string; queueJobId: string } | { kind: 'webhook' };

/** Limits a remote cancel or a webhook confirmation that no step signal covers. */
const REMOTE_CALL_TIMEOUT_MS = 60_000;

/**
 * Runs one pg-boss message: claims its step (compare-and-set), calls the provider with a
 * renewed lease, then in one transaction stores the outcome, creates and queues what follows
 * and completes the message. Any write of an attempt that lost its lease changes nothing.
 */
export class StepProcessor {
  private readonly database: Database;
  private readonly store: StepRunStore;
  private readonly pipeline: Pipeline;
  private readonly executor: StepExecutor;
  private readonly boss: PgBoss;
  private readonly channels: NotificationChannels;
  private readonly publisher: EventPublisher;
  private readonly inFlight: InFlightSteps;
  private readonly settings: ProcessorSettings;
  private readonly logger: Logger;

  constructor(dependencies: StepProcessorDependencies) {
    this.database = dependencies.database;
    this.store = dependencies.store;
    this.pipeline = dependencies.pipeline;
    this.executor = dependencies.executor;
    this.boss = dependencies.boss;
    this.channels = dependencies.channels;
    this.publisher = dependencies.publisher;
    this.inFlight = dependencies.inFlight;
    this.settings = dependencies.settings;
    this.logger = dependencies.logger;
  }

  /** Handles a message fetched from one of the step queues. Never throws. */
  async handle(queue: string, message: { id: string; data: unknown }): Promise<void> {
    const parsed = stepMessageSchema.safeParse(message.data);
    if (!parsed.success) {
      this.logger.error({ queue, queueJobId: message.id }, 'dropping a step message with unreadable data');
      await this.acknowledge(queue, message.id);
      return;
    }
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // Registered before the claim, so an abort that commits after the claim is never missed.
    const controller = this.inFlight.register(message.id, parsed.data.jobId, done);
    try {
      if (parsed.data.action === 'run') await this.run(queue, message.id, parsed.data, controller);
      else await this.poll(queue, message.id, parsed.data, controller);
    } catch (error) {
      // Database trouble mid-step: the lease runs out and the sweeper hands the step on.
      this.logger.error({ err: error, queue, queueJobId: message.id, stepRunId: parsed.data.stepRunId }, 'step message handling failed');
    } finally {
      this.inFlight.unregister(message.id);
      finish();
    }
  }

  private async run(queue: string, queueJobId: string, message: StepMessage, controller: AbortController): Promise<void> {
    const claimed = await this.store.claim({ ...message, queueJobId }, this.settings.leaseMs, this.channels.events);
    if (!claimed) {
      await this.acknowledge(queue, queueJobId);
      return;
    }
    const { step, job, completed } = claimed;
    this.publisher.emitLocally({
      type: 'step-start',
      jobId: step.jobId,
      step: step.step,
      ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
      provider: step.provider,
      attempt: step.attempt,
      at: claimed.startedAt,
    });
    const leaseToken = step.leaseToken as string;
    const log = this.logger.child({ jobId: step.jobId, step: describeStep(step), provider: step.provider, attempt: step.attempt });
    const fence: StepFence = { kind: 'lease', leaseToken };
    const heartbeat = new LeaseHeartbeat(this.store, step.id, leaseToken, this.settings.leaseMs, () => controller.abort('lease-lost'), log);
    heartbeat.start();
    let outcome: ExecutionOutcome;
    try {
      // The claim saw the job unfinished; a cancel committed since then aborts this signal (here
      // at once, elsewhere through NOTIFY), so the provider stops as soon as it looks.
      if (controller.signal.aborted) throw controller.signal.reason;
      log.debug('provider call starts');
      outcome = await this.executor.run({ job, step, completed }, controller.signal);
    } catch (error) {
      heartbeat.stop();
      await this.onRunError({ job, step, completed: [] }, fence, queue, queueJobId, error, controller.signal, log);
      return;
    }
    heartbeat.stop();
    if (outcome.type === 'completed') {
      const written = await this.completeStep(job.id, step, fence, outcome.output, outcome.usage, outcome.input, { queue, queueJobId }, undefined);
      if (!written) {
        log.info('the attempt was superseded or cancelled: its output is discarded');
        await this.acknowledge(queue, queueJobId);
      }
      return;
    }
    const waiting = await this.markWaiting({ job, step, completed: [] }, leaseToken, outcome, queue, queueJobId);
    if (!waiting) {
      log.info('the attempt was superseded or cancelled after starting remote work');
      await this.acknowledge(queue, queueJobId);
      await this.cancelRemote([{ ...step, operation: outcome.operation, externalId: outcome.externalId }]);
    }
  }

  /** Stores a step's output and hands off to what follows, in one transaction. False when fenced out. */
  private async completeStep(
    jobId: string,
    step: StepRunState,
    fence: StepFence,
    output: JsonValue,
    usage: UsageV1,
    input: StepRunState['input'] | undefined,
    message: { queue: string; queueJobId: string } | undefined,
    metadata: StepMetadata | undefined,
  ): Promise<boolean> {
    return this.database.transaction(async (scope) => {
      const job = await this.store.lockJob(scope, jobId);
      if (!job) return false;
      const completed = await this.store.complete(scope, step.id, fence, output, usage, input);
      if (!completed) return false;
      if (metadata) await this.store.mergeStepMetadata(scope, jobId, metadataKeyOf(step), metadata);
      this.publishStepEnd(scope, completed, 'COMPLETED', { usage });
      await this.pipeline.advance(scope, job, completed);
      if (message) await this.boss.complete(message.queue, message.queueJobId, {}, { db: scope.queueDatabase });
      return true;
    });
  }

  private async markWaiting(
    context: StepContext,
    leaseToken: string,
    outcome: Extract<ExecutionOutcome, { type: 'started' }>,
    queue: string,
    queueJobId: string,
  ): Promise<boolean> {
    const { step } = context;
    const delayMs = this.pollDelayMs(outcome.pollAfterMs);
    return this.database.transaction(async (scope) => {
      const job = await this.store.lockJob(scope, step.jobId);
      if (!job) return false;
      const pollQueueJobId = randomUUID();
      const waiting = await this.store.markWaiting(scope, step.id, leaseToken, {
        operation: outcome.operation,
        externalId: outcome.externalId,
        usage: outcome.usage,
        pollQueueJobId,
        deadlineMs: delayMs + this.settings.leaseMs,
      });
      if (!waiting) return false;
      if (outcome.metadata) await this.store.mergeStepMetadata(scope, step.jobId, metadataKeyOf(step), outcome.metadata);
      await this.sendPoll(scope, waiting, pollQueueJobId, delayMs);
      this.publishStepEnd(scope, waiting, 'WAITING', { usage: outcome.usage });
      await this.pipeline.refresh(scope, job);
      await this.boss.complete(queue, queueJobId, {}, { db: scope.queueDatabase });
      return true;
    });
  }

  private async onRunError(
    context: StepContext,
    fence: StepFence,
    queue: string,
    queueJobId: string,
    error: unknown,
    signal: AbortSignal,
    log: Logger,
  ): Promise<void> {
    const decision = decideOnError(error, signal);
    if (decision.kind === 'aborted') {
      const reason = abortReasonOf(signal);
      if (reason === 'shutdown') {
        await this.release(context.step, fence, queue, queueJobId, log);
        return;
      }
      if (reason) {
        log.info({ reason }, 'step aborted');
        await this.acknowledge(queue, queueJobId);
        return;
      }
      // The provider threw AbortedError although we never aborted it: an ordinary failure.
      await this.onFailure(context.step, fence, { kind: 'retry', message: 'the provider aborted on its own', code: 'aborted' }, { queue, queueJobId }, log, error);
      return;
    }
    await this.onFailure(context.step, fence, decision, { queue, queueJobId }, log, error);
  }

  /** Retries (with backoff) while attempts remain and the error allows it; fails the job otherwise. */
  private async onFailure(
    step: StepRunState,
    fence: StepFence,
    decision: Exclude<ErrorDecision, { kind: 'aborted' }>,
    message: { queue: string; queueJobId: string } | undefined,
    log: Logger,
    cause?: unknown,
  ): Promise<void> {
    const failure: StepFailure = {
      step: step.step,
      ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
      provider: step.provider,
      message: decision.message,
      ...(decision.code ? { code: decision.code } : {}),
      retryable: decision.kind === 'retry',
    };
    if (decision.kind === 'retry' && step.attempt < this.settings.maxAttempts) {
      const delayMs = retryDelayMs(step.attempt, this.settings, decision.retryAfterMs);
      log.warn({ err: cause, delayMs }, 'step failed, retrying');
      const scheduled = await this.database.transaction(async (scope) => {
        const locked = await this.store.lockJob(scope, step.jobId);
        if (!locked) return false;
        const retryQueueJobId = randomUUID();
        const pending = await this.store.scheduleRetry(scope, step.id, fence, failure, retryQueueJobId);
        if (!pending) return false;
        const runMessage: StepMessage = { stepRunId: step.id, jobId: step.jobId, action: 'run' };
        await sendInTransaction(this.boss, scope, this.channels.ready, STEP_QUEUES[step.step], runMessage, { id: retryQueueJobId, delayMs });
        this.publishStepEnd(scope, step, 'RETRYING', { error: failure, retryInMs: delayMs });
        await this.pipeline.refresh(scope, locked);
        if (message) await this.boss.complete(message.queue, message.queueJobId, {}, { db: scope.queueDatabase });
        return true;
      });
      if (!scheduled && message) await this.acknowledge(message.queue, message.queueJobId);
      return;
    }
    const final: StepFailure =
      decision.kind === 'retry' ? { ...failure, message: `${failure.message} (gave up after ${step.attempt} attempts)` } : failure;
    log.error({ err: cause, failure: final }, 'step failed, failing the job');
    const cancelled = await this.database.transaction(async (scope) => {
      const locked = await this.store.lockJob(scope, step.jobId);
      if (!locked) return null;
      const result = await this.pipeline.failJob(scope, locked, step, fence, final);
      if (result && message) await this.boss.complete(message.queue, message.queueJobId, {}, { db: scope.queueDatabase });
      scope.afterCommit(() => {
        this.inFlight.abortJob(step.jobId, 'job-failed');
      });
      return result;
    });
    if (cancelled === null) {
      if (message) await this.acknowledge(message.queue, message.queueJobId);
      return;
    }
    await this.cancelRemote(cancelled);
  }

  /** Graceful shutdown: the step goes back to PENDING (attempt not counted) behind a new message. */
  private async release(step: StepRunState, fence: StepFence, queue: string, queueJobId: string, log: Logger): Promise<void> {
    if (fence.kind !== 'lease') return;
    const released = await this.database.transaction(async (scope) => {
      const job = await this.store.lockJob(scope, step.jobId);
      if (!job) return false;
      const nextQueueJobId = randomUUID();
      const pending = await this.store.release(scope, step.id, fence.leaseToken, nextQueueJobId);
      if (!pending) return false;
      const runMessage: StepMessage = { stepRunId: step.id, jobId: step.jobId, action: 'run' };
      await sendInTransaction(this.boss, scope, this.channels.ready, STEP_QUEUES[step.step], runMessage, { id: nextQueueJobId });
      this.publishStepEnd(scope, step, 'RELEASED', {});
      await this.pipeline.refresh(scope, job);
      await this.boss.complete(queue, queueJobId, {}, { db: scope.queueDatabase });
      return true;
    });
    log.info({ released }, 'step handed back at shutdown');
    if (!released) await this.acknowledge(queue, queueJobId);
  }

  private async poll(queue: string, queueJobId: string, message: StepMessage, controller: AbortController): Promise<void> {
    const step = await this.store.findStep(message.stepRunId);
    const current = step !== null && step.status === 'WAITING' && step.attempt === message.attempt && step.queueJobId === queueJobId;
    const job = current ? await this.store.findJob(step.jobId) : null;
    if (!step || !current || !job || isTerminalJobStatus(job.status)) {
      await this.acknowledge(queue, queueJobId);
      return;
    }
    // The poll may take a while: keep the sweeper from sending a second one meanwhile.
    if (!(await this.store.extendWaitingDeadline(step.id, step.attempt, queueJobId, this.settings.leaseMs))) {
      await this.acknowledge(queue, queueJobId);
      return;
    }
    const log = this.logger.child({ jobId: step.jobId, step: describeStep(step), provider: step.provider, attempt: step.attempt });
    let status: StatusOutcome;
    try {
      status = await this.executor.status(step, controller.signal);
    } catch (error) {
      const decision = decideOnError(error, controller.signal);
      if (decision.kind === 'aborted') {
        if (abortReasonOf(controller.signal) === 'shutdown') await this.reschedulePoll(step, { queue, queueJobId }, 0);
        else await this.acknowledge(queue, queueJobId);
        return;
      }
      if (decision.kind === 'retry') {
        // A failed status check is not a failed generation: ask again later.
        log.warn({ err: error }, 'status check failed, polling again later');
        await this.reschedulePoll(step, { queue, queueJobId }, retryDelayMs(1, { ...this.settings, retryBaseDelayMs: this.settings.pollIntervalMs }, decision.retryAfterMs));
        return;
      }
      await this.onFailure(step, { kind: 'waiting', attempt: step.attempt }, decision, { queue, queueJobId }, log, error);
      return;
    }
    await this.settle(job, step, status, { kind: 'poll', queue, queueJobId }, log);
  }

  /** Applies a long-running provider's answer to a waiting step. False when the step had moved on. */
  async settle(job: JobState, step: StepRunState, status: StatusOutcome, source: StatusSource, log: Logger): Promise<boolean> {
    const fence: StepFence = { kind: 'waiting', attempt: step.attempt };
    const message = source.kind === 'poll' ? { queue: source.queue, queueJobId: source.queueJobId } : undefined;
    switch (status.type) {
      case 'completed': {
        const written = await this.completeStep(job.id, step, fence, status.output, addUsage(step.usage, status.usage), undefined, message, status.metadata);
        if (!written && message) await this.acknowledge(message.queue, message.queueJobId);
        return written;
      }
      case 'pending':
        if (message) return this.reschedulePoll(step, message, this.pollDelayMs(status.pollAfterMs));
        return true;
      case 'error':
        await this.onFailure(
          step,
          fence,
          status.retryable ? { kind: 'retry', message: status.message, code: 'remote-error' } : { kind: 'fail', message: status.message, code: 'remote-error' },
          message,
          log,
        );
        return true;
    }
  }

  /** A provider's hint, but never under a tenth of the configured interval (no hot polling loop on `0`). */
  private pollDelayMs(hint: number | undefined): number {
    if (hint === undefined || !Number.isFinite(hint)) return this.settings.pollIntervalMs;
    return Math.max(hint, this.settings.pollIntervalMs / 10);
  }

  private async reschedulePoll(step: StepRunState, message: { queue: string; queueJobId: string }, delayMs: number): Promise<boolean> {
    const rescheduled = await this.database.transaction(async (scope) => {
      const pollQueueJobId = randomUUID();
      const moved = await this.store.reschedulePoll(scope, step.id, {
        attempt: step.attempt,
        previousQueueJobId: message.queueJobId,
        pollQueueJobId,
        deadlineMs: delayMs + this.settings.leaseMs,
      });
      if (!moved) return false;
      await this.sendPoll(scope, step, pollQueueJobId, delayMs);
      await this.boss.complete(message.queue, message.queueJobId, {}, { db: scope.queueDatabase });
      return true;
    });
    if (!rescheduled) await this.acknowledge(message.queue, message.queueJobId);
    return rescheduled;
  }

  async sendPoll(scope: TransactionScope, step: StepRunState, pollQueueJobId: string, delayMs: number): Promise<void> {
    const pollMessage: StepMessage = { stepRunId: step.id, jobId: step.jobId, action: 'poll', attempt: step.attempt };
    await sendInTransaction(this.boss, scope, this.channels.ready, STEP_QUEUES[step.step], pollMessage, { id: pollQueueJobId, delayMs });
  }

  /** Best effort: asks providers to stop remote work of steps that were waiting when cancelled. */
  async cancelRemote(steps: StepRunState[]): Promise<void> {
    for (const step of steps) {
      if (step.operation === null || (step.step !== 'visual' && step.step !== 'assembly')) continue;
      try {
        const cancelled = await this.executor.cancelRemote(step, AbortSignal.timeout(REMOTE_CALL_TIMEOUT_MS));
        this.logger.info({ jobId: step.jobId, step: describeStep(step), provider: step.provider, cancelled }, 'remote work cancel requested');
      } catch (error) {
        this.logger.warn({ err: error, jobId: step.jobId, step: describeStep(step) }, 'remote cancel failed');
      }
    }
  }

  private publishStepEnd(
    scope: TransactionScope,
    step: StepRunState,
    status: StepEndEvent['status'],
    extra: { usage?: UsageV1; error?: StepFailure; retryInMs?: number },
  ): void {
    const durationMs = step.attemptStartedAt ? Date.now() - step.attemptStartedAt.getTime() : undefined;
    this.publisher.publish(scope, {
      type: 'step-end',
      jobId: step.jobId,
      step: step.step,
      ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
      provider: step.provider,
      attempt: step.attempt,
      status,
      ...(durationMs !== undefined && durationMs >= 0 ? { durationMs } : {}),
      ...(extra.usage ? { usage: extra.usage } : {}),
      ...(extra.error ? { error: { message: extra.error.message, ...(extra.error.code ? { code: extra.error.code } : {}) } } : {}),
      ...(extra.retryInMs !== undefined ? { retryInMs: extra.retryInMs } : {}),
      at: new Date().toISOString(),
    });
  }

  /** Completes a message that turned out stale (its step moved on); errors are only logged. */
  private async acknowledge(queue: string, queueJobId: string): Promise<void> {
    try {
      await this.boss.complete(queue, queueJobId);
    } catch (error) {
      this.logger.warn({ err: error, queue, queueJobId }, 'could not complete a stale message');
    }
  }
}
