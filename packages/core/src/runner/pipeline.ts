import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { STEP_KINDS, type StepKind } from '../domain/brief.js';
import type { EventPublisher } from '../events/event-publisher.js';
import type { NotificationChannels } from '../events/notification-channels.js';
import type { TransactionScope } from '../persistence/database.js';
import type { JobStatus } from '../persistence/job-status.js';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import { computeProgress } from './job-progress.js';
import type { JobRowUpdates } from './job-row-updates.js';
import type { JobState, StepRunState } from './step-run-state.js';
import type { NewStep, StepRunStore } from './step-run-store.js';
import { STEP_QUEUES, type ReadySignal, type StepMessage } from './step-queues.js';
import { STEP_DESCRIPTORS } from './steps/step-descriptors.js';
import { summarizeUsage } from './usage-totals.js';

/**
 * How a job moves on: which steps follow a completed one, when they are queued (visuals with
 * bounded concurrency), and what the job row shows (status, progress, usage, result, error).
 * Every method runs inside the caller's transaction, with the job row already locked.
 */
export class Pipeline {
  constructor(
    private readonly store: StepRunStore,
    private readonly jobs: JobRowUpdates,
    private readonly boss: PgBoss,
    private readonly channels: NotificationChannels,
    private readonly publisher: EventPublisher,
    private readonly settings: { visualConcurrency: number },
  ) {}

  /** Creates what follows `completed`, queues what may start, and refreshes the job. */
  async advance(scope: TransactionScope, job: JobState, completed: StepRunState): Promise<void> {
    const steps = await this.store.listSteps(job.id, scope);
    const next = STEP_DESCRIPTORS[completed.step].next({ job, completed, steps });
    if (next.type === 'create') {
      await this.refresh(scope, job, await this.dispatch(scope, job.id, steps, next.steps));
      return;
    }
    const usage = summarizeUsage(steps);
    await this.jobs.update(scope, job.id, {
      status: 'COMPLETED',
      progress: 100,
      currentStep: completed.step,
      result: next.result,
      usage,
      totalCostUsd: usage.totalCostUsd,
      finished: true,
    });
    const at = new Date().toISOString();
    if (job.progress !== 100) this.publisher.publish(scope, { type: 'progress', jobId: job.id, progress: 100, at });
    // The quality report can outgrow a NOTIFY payload: the event leaves it to the job.
    const { quality: _quality, ...result } = next.result;
    this.publisher.publish(scope, { type: 'job-end', jobId: job.id, status: 'COMPLETED', result, at });
  }

  /**
   * Creates `additions` and queues every PENDING step without a message (visuals only up to the
   * concurrency bound): new steps are inserted already queued, all messages go in one pg-boss
   * insert. Returns the job's steps as they now are.
   */
  async dispatch(
    scope: TransactionScope,
    jobId: string,
    known?: StepRunState[],
    additions: NewStep[] = [],
  ): Promise<StepRunState[]> {
    const existing = known ?? (await this.store.listSteps(jobId, scope));
    const visualsInFlight = existing.filter(
      (step) =>
        step.step === 'visual' &&
        (step.status === 'RUNNING' ||
          step.status === 'WAITING' ||
          (step.status === 'PENDING' && step.queueJobId !== null)),
    ).length;
    let visualSlots = this.settings.visualConcurrency - visualsInFlight;
    const mayStart = (step: { step: StepKind }) => step.step !== 'visual' || visualSlots-- > 0;
    const waiting = existing
      .filter((step) => step.status === 'PENDING' && step.queueJobId === null)
      .sort((first, second) => (first.sceneIndex ?? -1) - (second.sceneIndex ?? -1));
    const queuedExisting = waiting
      .filter(mayStart)
      .map((step) => ({ stepRunId: step.id, step: step.step, queueJobId: randomUUID() }));
    const newSteps = additions.map((step) => ({
      ...step,
      id: randomUUID(),
      ...(mayStart(step) ? { queueJobId: randomUUID() } : {}),
    }));
    const inserted = await this.store.insertSteps(scope, newSteps);
    await this.store.setQueueJobs(scope, queuedExisting);
    const messages = [
      ...queuedExisting,
      ...newSteps.flatMap((step) =>
        step.queueJobId ? [{ stepRunId: step.id, step: step.step, queueJobId: step.queueJobId }] : [],
      ),
    ];
    if (messages.length > 0) {
      await this.boss.insert(
        messages.map((message) => {
          const data: StepMessage = { stepRunId: message.stepRunId, jobId, action: 'run' };
          return { id: message.queueJobId, name: STEP_QUEUES[message.step], data };
        }),
        { db: scope.queueDatabase },
      );
      for (const queue of new Set(messages.map((message) => STEP_QUEUES[message.step]))) {
        scope.notify(this.channels.ready, JSON.stringify({ queue } satisfies ReadySignal));
      }
    }
    const queued = new Map(queuedExisting.map((assignment) => [assignment.stepRunId, assignment.queueJobId]));
    return [
      ...existing.map((step) => (queued.has(step.id) ? { ...step, queueJobId: queued.get(step.id) ?? null } : step)),
      ...inserted,
    ];
  }

  /** Recomputes progress, usage, status and current step of an unfinished job from its steps. */
  async refresh(scope: TransactionScope, job: JobState, known?: StepRunState[]): Promise<void> {
    const steps = known ?? (await this.store.listSteps(job.id, scope));
    const usage = summarizeUsage(steps);
    const progress = Math.max(job.progress, computeProgress(steps));
    const status = this.statusOf(job.status, steps);
    await this.jobs.update(scope, job.id, {
      status,
      progress,
      currentStep: this.currentStepOf(steps),
      usage,
      totalCostUsd: usage.totalCostUsd,
    });
    if (progress !== job.progress)
      this.publisher.publish(scope, { type: 'progress', jobId: job.id, progress, at: new Date().toISOString() });
  }

  private statusOf(current: JobStatus, steps: StepRunState[]): JobStatus {
    if (isTerminalJobStatus(current)) return current;
    if (steps.some((step) => step.status === 'RUNNING')) return 'RUNNING';
    const queued = steps.some((step) => step.status === 'PENDING' && step.queueJobId !== null);
    if (steps.some((step) => step.status === 'WAITING') && !queued) return 'WAITING';
    return current === 'PENDING' ? 'PENDING' : 'RUNNING';
  }

  private currentStepOf(steps: StepRunState[]): StepKind | null {
    for (const kind of STEP_KINDS) {
      if (steps.some((step) => step.step === kind && step.status !== 'COMPLETED')) return kind;
    }
    const last = [...STEP_KINDS].reverse().find((kind) => steps.some((step) => step.step === kind));
    return last ?? null;
  }
}
