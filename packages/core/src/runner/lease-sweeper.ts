import { randomUUID } from 'node:crypto';
import type Logger from 'bunyan';
import type PgBoss from 'pg-boss';
import type { EventPublisher } from '../events/event-publisher.js';
import type { NotificationChannels } from '../events/notification-channels.js';
import type { Database } from '../persistence/database.js';
import type { StepFailure } from '../persistence/job-columns.js';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import type { Pipeline } from './pipeline.js';
import { STEP_QUEUES, sendInTransaction, type StepMessage } from './step-queues.js';
import { describeStep } from './step-run-state.js';
import type { StepProcessor } from './step-processor.js';
import type { StepRunStore } from './step-run-store.js';

export interface LeaseSweeperSettings {
  leaseMs: number;
  maxAttempts: number;
  /** How often to look; default half a lease. */
  intervalMs: number;
  /** pg-boss' schema, to find PENDING steps whose message was lost. */
  queueSchema: string;
}

export interface SweepResult {
  /** RUNNING steps with an expired lease put back to PENDING. */
  recovered: number;
  /** RUNNING steps with an expired lease on their last attempt: their job failed. */
  failed: number;
  /** WAITING steps whose poll went missing, given a new poll. */
  repolled: number;
  /** PENDING steps whose message went missing, given a new one. */
  requeued: number;
}

const BATCH = 100;

/**
 * Finds work a dead worker left behind and hands it on: a RUNNING step whose lease expired goes
 * back to PENDING behind a new message (its attempt counted; the job fails after the last one),
 * a WAITING step whose poll deadline passed gets a new poll, and a PENDING step whose message
 * was lost gets a new one. Each repair is a compare-and-set in its own transaction, so sweepers
 * in several processes never repeat one another.
 */
export class LeaseSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepResult> | undefined;
  private stopped = true;

  constructor(
    private readonly database: Database,
    private readonly store: StepRunStore,
    private readonly pipeline: Pipeline,
    private readonly processor: StepProcessor,
    private readonly boss: PgBoss,
    private readonly channels: NotificationChannels,
    private readonly publisher: EventPublisher,
    private readonly settings: LeaseSweeperSettings,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep (the timer calls this; tests call it directly). */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = this.settings.intervalMs * (0.75 + Math.random() * 0.5);
    this.timer = setTimeout(() => {
      this.sweep()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'lease sweep failed'))
        .finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }

  private async sweepOnce(): Promise<SweepResult> {
    const result: SweepResult = { recovered: 0, failed: 0, repolled: 0, requeued: 0 };
    for (const candidate of await this.store.findExpired(BATCH)) {
      const outcome = await this.repairExpired(candidate.id, candidate.jobId);
      if (outcome) result[outcome] += 1;
    }
    for (const orphan of await this.store.findOrphanedPending(this.settings.queueSchema, this.settings.leaseMs, BATCH)) {
      if (await this.requeue(orphan)) result.requeued += 1;
    }
    if (result.recovered + result.failed + result.repolled + result.requeued > 0) this.logger.info(result, 'lease sweep repaired steps');
    return result;
  }

  private async repairExpired(stepRunId: string, jobId: string): Promise<keyof SweepResult | undefined> {
    const cancelled = { steps: [] as Awaited<ReturnType<Pipeline['failJob']>> };
    const outcome = await this.database.transaction(async (scope): Promise<keyof SweepResult | undefined> => {
      const job = await this.store.lockJob(scope, jobId);
      if (!job || isTerminalJobStatus(job.status)) return undefined;
      const step = await this.store.lockExpired(scope, stepRunId);
      if (!step) return undefined;
      const queueJobId = randomUUID();
      if (step.status === 'WAITING') {
        const moved = await this.store.reschedulePoll(scope, step.id, {
          attempt: step.attempt,
          previousQueueJobId: step.queueJobId,
          pollQueueJobId: queueJobId,
          deadlineMs: this.settings.leaseMs,
        });
        if (!moved) return undefined;
        await this.processor.sendPoll(scope, step, queueJobId, 0);
        return 'repolled';
      }
      const failure: StepFailure = {
        step: step.step,
        ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
        provider: step.provider,
        message: `${describeStep(step)} stopped renewing its lease during attempt ${step.attempt} (its worker stopped or lost the database)`,
        code: 'lease-expired',
        retryable: true,
      };
      const leaseToken = step.leaseToken as string;
      if (step.attempt >= this.settings.maxAttempts) {
        cancelled.steps = await this.pipeline.failJob(scope, job, step, { kind: 'lease', leaseToken }, {
          ...failure,
          message: `${failure.message}; gave up after ${step.attempt} attempts`,
        });
        return cancelled.steps ? 'failed' : undefined;
      }
      if (!(await this.store.recoverExpired(scope, step.id, leaseToken, failure, queueJobId))) return undefined;
      const message: StepMessage = { stepRunId: step.id, jobId: step.jobId, action: 'run' };
      await sendInTransaction(this.boss, scope, this.channels.ready, STEP_QUEUES[step.step], message, { id: queueJobId });
      this.publisher.publish(scope, {
        type: 'step-end',
        jobId: step.jobId,
        step: step.step,
        ...(step.sceneIndex !== null ? { sceneIndex: step.sceneIndex } : {}),
        provider: step.provider,
        attempt: step.attempt,
        status: 'RETRYING',
        error: { message: failure.message, code: 'lease-expired' },
        retryInMs: 0,
        at: new Date().toISOString(),
      });
      await this.pipeline.refresh(scope, job);
      return 'recovered';
    });
    if (cancelled.steps) await this.processor.cancelRemote(cancelled.steps);
    return outcome;
  }

  private async requeue(orphan: { id: string; jobId: string; step: keyof typeof STEP_QUEUES; queueJobId: string }): Promise<boolean> {
    return this.database.transaction(async (scope) => {
      const job = await this.store.lockJob(scope, orphan.jobId);
      if (!job || isTerminalJobStatus(job.status)) return false;
      const queueJobId = randomUUID();
      if (!(await this.store.replaceQueueJob(scope, orphan.id, orphan.queueJobId, queueJobId))) return false;
      const message: StepMessage = { stepRunId: orphan.id, jobId: orphan.jobId, action: 'run' };
      await sendInTransaction(this.boss, scope, this.channels.ready, STEP_QUEUES[orphan.step], message, { id: queueJobId });
      return true;
    });
  }
}
