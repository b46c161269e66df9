import type Logger from 'bunyan';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import { abortReasonOf, type InFlightSteps } from './in-flight-steps.js';
import { LeaseHeartbeat } from './lease-heartbeat.js';
import { ProgressThrottle } from './progress-throttle.js';
import type { RemoteCancel } from './remote-cancel.js';
import { decideOnError, retryDelayMs } from './retry-policy.js';
import type { ExecutionOutcome, StatusOutcome, StepContext, StepExecutor } from './step-executor.js';
import type { OutcomeSettings, StepOutcomes } from './step-outcomes.js';
import { stepMessageSchema, type StepMessage } from './step-queues.js';
import { describeStep, type StepFence } from './step-run-state.js';
import { completeStep } from './transitions/complete.js';
import { acknowledge, handOff, type HandOffDependencies, type QueueMessage } from './transitions/hand-off.js';
import { releaseStep } from './transitions/release.js';
import { reportProgress } from './transitions/report-progress.js';
import { waitForRemoteWork } from './transitions/wait.js';

export type ProcessorSettings = OutcomeSettings;

/** At most one progress write per step per this interval. */
const PROGRESS_INTERVAL_MS = 250;

export interface StepProcessorDependencies extends HandOffDependencies {
  executor: StepExecutor;
  outcomes: StepOutcomes;
  remoteCancel: RemoteCancel;
  inFlight: InFlightSteps;
  settings: ProcessorSettings;
}

/**
 * Runs one pg-boss message: claims its step (compare-and-set), calls the provider with a renewed
 * lease, then hands off through one named transition (`transitions/`), which stores the outcome,
 * queues what follows and completes the message in one transaction. Any write of an attempt that
 * lost its lease changes nothing.
 */
export class StepProcessor {
  constructor(private readonly dependencies: StepProcessorDependencies) {}

  /** Handles a message fetched from one of the step queues. Never throws. */
  async handle(queue: string, received: { id: string; data: unknown }): Promise<void> {
    const message: QueueMessage = { queue, id: received.id };
    const parsed = stepMessageSchema.safeParse(received.data);
    if (!parsed.success) {
      this.dependencies.logger.error({ queue, queueJobId: message.id }, 'dropping a step message with unreadable data');
      await acknowledge(this.dependencies, message);
      return;
    }
    let finish!: () => void;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // Registered before the claim, so an abort that commits after the claim is never missed.
    const controller = this.dependencies.inFlight.register(message.id, parsed.data.jobId, done);
    try {
      if (parsed.data.action === 'run') await this.run(message, parsed.data, controller);
      else await this.poll(message, parsed.data, controller);
    } catch (error) {
      // Database trouble mid-step: the lease runs out and the sweeper hands the step on.
      this.dependencies.logger.error(
        { err: error, queue, queueJobId: message.id, stepRunId: parsed.data.stepRunId },
        'step message handling failed',
      );
    } finally {
      this.dependencies.inFlight.unregister(message.id);
      finish();
    }
  }

  private async run(message: QueueMessage, data: StepMessage, controller: AbortController): Promise<void> {
    const { store, settings, publisher, channels } = this.dependencies;
    const claimed = await store.claim({ ...data, queueJobId: message.id }, settings.leaseMs, channels.events);
    if (!claimed) {
      await acknowledge(this.dependencies, message);
      return;
    }
    const { step, job, completed } = claimed;
    publisher.emitLocally({
      type: 'step-start',
      jobId: step.jobId,
      step: step.step,
      ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
      provider: step.provider,
      attempt: step.attempt,
      at: claimed.startedAt,
    });
    const leaseToken = step.leaseToken as string;
    const log = this.dependencies.logger.child({
      jobId: step.jobId,
      step: describeStep(step),
      provider: step.provider,
      attempt: step.attempt,
    });
    const fence: StepFence = { kind: 'lease', leaseToken };
    const heartbeat = new LeaseHeartbeat(
      store,
      step.id,
      leaseToken,
      settings.leaseMs,
      () => controller.abort('lease-lost'),
      log,
    );
    heartbeat.start();
    // Render progress (assembly) moves the job's progress while the step runs, throttled.
    const progress = new ProgressThrottle(PROGRESS_INTERVAL_MS, async (fraction) => {
      const change = { step, leaseToken, fraction };
      await handOff(this.dependencies, job.id, undefined, (scope, locked) =>
        reportProgress(this.dependencies, scope, locked, change),
      ).catch((error: unknown) => log.warn({ err: error }, 'could not record step progress'));
    });
    const context: StepContext = { job, step, completed };
    let outcome: ExecutionOutcome;
    try {
      // The claim saw the job unfinished; a cancel committed since then aborts this signal (here
      // at once, elsewhere through NOTIFY), so the provider stops as soon as it looks.
      if (controller.signal.aborted) throw controller.signal.reason;
      log.debug('provider call starts');
      outcome = await this.dependencies.executor.run(context, controller.signal, (fraction) =>
        progress.report(fraction),
      );
    } catch (error) {
      heartbeat.stop();
      await progress.stop();
      await this.onRunError(context, fence, message, error, controller.signal, log);
      return;
    }
    heartbeat.stop();
    await progress.stop();
    if (outcome.type === 'completed') {
      const change = {
        step,
        fence,
        output: outcome.output,
        usage: outcome.usage,
        ...(outcome.input !== undefined ? { input: outcome.input } : {}),
      };
      const written = await handOff(this.dependencies, job.id, message, (scope, locked) =>
        completeStep(this.dependencies, scope, locked, change),
      );
      if (!written) log.info('the attempt was superseded or cancelled: its output is discarded');
      return;
    }
    const change = {
      ...outcome,
      step,
      leaseToken,
      pollDelayMs: this.dependencies.outcomes.pollDelayMs(outcome.pollAfterMs),
      leaseMs: settings.leaseMs,
    };
    const waiting = await handOff(this.dependencies, job.id, message, (scope, locked) =>
      waitForRemoteWork(this.dependencies, scope, locked, change),
    );
    if (!waiting) {
      log.info('the attempt was superseded or cancelled after starting remote work');
      await this.dependencies.remoteCancel.cancel([
        { ...step, operation: outcome.operation, externalId: outcome.externalId },
      ]);
    }
  }

  private async onRunError(
    context: StepContext,
    fence: StepFence,
    message: QueueMessage,
    error: unknown,
    signal: AbortSignal,
    log: Logger,
  ): Promise<void> {
    const decision = decideOnError(error, signal);
    if (decision.kind !== 'aborted') {
      await this.dependencies.outcomes.onFailure(context.step, fence, decision, message, log, error);
      return;
    }
    const reason = abortReasonOf(signal);
    if (reason === 'shutdown' && fence.kind === 'lease') {
      const released = await handOff(this.dependencies, context.job.id, message, (scope, job) =>
        releaseStep(this.dependencies, scope, job, context.step, fence.leaseToken),
      );
      log.info({ released: released !== null }, 'step handed back at shutdown');
    } else if (reason) {
      log.info({ reason }, 'step aborted');
      await acknowledge(this.dependencies, message);
    } else {
      // The provider threw AbortedError although we never aborted it: an ordinary failure.
      const ownAbort = { kind: 'retry', message: 'the provider aborted on its own', code: 'aborted' } as const;
      await this.dependencies.outcomes.onFailure(context.step, fence, ownAbort, message, log, error);
    }
  }

  private async poll(message: QueueMessage, data: StepMessage, controller: AbortController): Promise<void> {
    const { store, settings, outcomes } = this.dependencies;
    const step = await store.findStep(data.stepRunId);
    const current =
      step !== null && step.status === 'WAITING' && step.attempt === data.attempt && step.queueJobId === message.id;
    const job = current ? await store.findJob(step.jobId) : null;
    // The poll may take a while: keep the sweeper from sending a second one meanwhile.
    if (
      !step ||
      !job ||
      isTerminalJobStatus(job.status) ||
      !(await store.extendWaitingDeadline(step.id, step.attempt, message.id, settings.leaseMs))
    ) {
      await acknowledge(this.dependencies, message);
      return;
    }
    const log = this.dependencies.logger.child({
      jobId: step.jobId,
      step: describeStep(step),
      provider: step.provider,
      attempt: step.attempt,
    });
    let status: StatusOutcome;
    try {
      status = await this.dependencies.executor.status(step, controller.signal);
    } catch (error) {
      const decision = decideOnError(error, controller.signal);
      if (decision.kind === 'aborted') {
        if (abortReasonOf(controller.signal) === 'shutdown') await outcomes.reschedulePoll(step, message, 0);
        else await acknowledge(this.dependencies, message);
      } else if (decision.kind === 'retry') {
        // A failed status check is not a failed generation: ask again later.
        log.warn({ err: error }, 'status check failed, polling again later');
        await outcomes.reschedulePoll(
          step,
          message,
          retryDelayMs(1, { ...settings, retryBaseDelayMs: settings.pollIntervalMs }, decision.retryAfterMs),
        );
      } else {
        await outcomes.onFailure(step, { kind: 'waiting', attempt: step.attempt }, decision, message, log, error);
      }
      return;
    }
    await outcomes.settle(job, step, status, message, log);
  }
}
