import type Logger from 'bunyan';
import type { StepKind } from '../domain/brief.js';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import type { RemoteCancel } from './remote-cancel.js';
import { describeStep } from './step-run-state.js';
import { failJob } from './transitions/fail.js';
import { handOff, type HandOffDependencies } from './transitions/hand-off.js';
import { requeueStep } from './transitions/requeue.js';
import { reschedulePoll } from './transitions/reschedule.js';
import { retryStep } from './transitions/retry.js';
import { stepFailureOf } from './transitions/step-end-event.js';

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

  private readonly logger: Logger;

  constructor(
    private readonly dependencies: HandOffDependencies,
    private readonly remoteCancel: RemoteCancel,
    private readonly settings: LeaseSweeperSettings,
  ) {
    this.logger = dependencies.logger;
  }

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
    for (const candidate of await this.dependencies.store.findExpired(BATCH)) {
      const outcome = await this.repairExpired(candidate.id, candidate.jobId);
      if (outcome) result[outcome] += 1;
    }
    for (const orphan of await this.dependencies.store.findOrphanedPending(
      this.settings.queueSchema,
      this.settings.leaseMs,
      BATCH,
    )) {
      if (await this.requeue(orphan)) result.requeued += 1;
    }
    if (result.recovered + result.failed + result.repolled + result.requeued > 0)
      this.logger.info(result, 'lease sweep repaired steps');
    return result;
  }

  private async repairExpired(stepRunId: string, jobId: string): Promise<keyof SweepResult | undefined> {
    const { leaseMs, maxAttempts } = this.settings;
    const repair = await handOff(this.dependencies, jobId, undefined, async (scope, job) => {
      if (isTerminalJobStatus(job.status)) return null;
      const step = await this.dependencies.store.lockExpired(scope, stepRunId);
      if (!step) return null;
      if (step.status === 'WAITING') {
        const change = { step, previousQueueJobId: step.queueJobId, delayMs: 0, leaseMs };
        return (
          (await reschedulePoll(this.dependencies, scope, change)) && { outcome: 'repolled' as const, cancelled: [] }
        );
      }
      const fence = { kind: 'expired-lease', leaseToken: step.leaseToken as string } as const;
      const message = `${describeStep(step)} stopped renewing its lease during attempt ${step.attempt} (its worker stopped or lost the database)`;
      const failure = stepFailureOf(step, { message, code: 'lease-expired', retryable: true });
      if (step.attempt >= maxAttempts) {
        const final = { ...failure, message: `${failure.message}; gave up after ${step.attempt} attempts` };
        const cancelled = await failJob(this.dependencies, scope, job, { step, fence, failure: final });
        return cancelled && { outcome: 'failed' as const, cancelled };
      }
      return (
        (await retryStep(this.dependencies, scope, job, { step, fence, failure, delayMs: 0 })) && {
          outcome: 'recovered' as const,
          cancelled: [],
        }
      );
    });
    if (repair) await this.remoteCancel.cancel(repair.cancelled);
    return repair?.outcome;
  }

  private async requeue(orphan: { id: string; jobId: string; step: StepKind; queueJobId: string }): Promise<boolean> {
    const requeued = await handOff(this.dependencies, orphan.jobId, undefined, async (scope, job) =>
      isTerminalJobStatus(job.status) ? null : requeueStep(this.dependencies, scope, orphan),
    );
    return requeued !== null;
  }
}
