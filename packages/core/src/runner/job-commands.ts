import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import { briefSchema, STEP_KINDS, type Brief, type StepKind } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import { parseWith } from '../errors/validation.js';
import { resolveBriefTemplate, type BriefRequest } from '../templates/resolve-brief-template.js';
import { EMPTY_JOB_USAGE } from '../persistence/job-columns.js';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import { VideoJobEntity } from '../persistence/video-job-entity.js';
import type { ProviderRegistry } from '../registry/provider-registry.js';
import type { RemoteCancel } from './remote-cancel.js';
import { DEAD_LETTER_QUEUE } from './step-queues.js';
import { cancelJob } from './transitions/cancel.js';
import type { HandOffDependencies } from './transitions/hand-off.js';

export const submitOptionsSchema = z.strictObject({
  /** Who the job belongs to (the REST server passes the user id). */
  ownerId: z.string().min(1).max(200).optional(),
  /** The same key (and owner) submitted twice gives the same job. */
  idempotencyKey: z.string().min(1).max(255).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type SubmitOptions = z.input<typeof submitOptionsSchema>;

const jobIdSchema = z.uuid();

export interface JobCommandsDependencies extends HandOffDependencies {
  remoteCancel: RemoteCancel;
  registry: ProviderRegistry;
  artifacts: ArtifactStore;
  defaults: Record<StepKind, string>;
}

function notFound(jobId: string): LooplyError {
  return new LooplyError('not-found', `No video job with id "${jobId}"`);
}

/** Submit, cancel, retry and delete: each one transaction over the job and its steps. */
export class JobCommands {
  constructor(private readonly dependencies: JobCommandsDependencies) {}

  /** Validates, resolves providers, then stores the job and queues its script step together. Returns the job id. */
  async submit(input: BriefRequest, rawOptions?: SubmitOptions): Promise<string> {
    const { database, pipeline, registry, defaults } = this.dependencies;
    // A template named by the brief fills what the brief leaves out; the job records it.
    const brief = parseWith(briefSchema, resolveBriefTemplate(input), 'brief');
    const options = parseWith(submitOptionsSchema, rawOptions ?? {}, 'submit options');
    const providers = {} as Record<StepKind, string>;
    for (const kind of STEP_KINDS) {
      const id = brief.providers?.[kind] ?? defaults[kind];
      registry.get(kind, id); // throws `provider-not-registered`, listing what is registered
      providers[kind] = id;
    }
    if (options.idempotencyKey) {
      const existing = await this.findByIdempotencyKey(options.ownerId, options.idempotencyKey, brief);
      if (existing) return existing;
    }
    const jobId = randomUUID();
    try {
      await database.transaction(async (scope) => {
        const now = new Date();
        scope.em.create(VideoJobEntity, {
          id: jobId,
          ownerId: options.ownerId ?? null,
          idempotencyKey: options.idempotencyKey ?? null,
          brief,
          status: 'PENDING',
          progress: 0,
          currentStep: 'script',
          providers,
          result: null,
          usage: EMPTY_JOB_USAGE,
          totalCostUsd: 0,
          error: null,
          // Where this job's artifacts live, as the original design recorded its cloud provider.
          metadata: {
            ...(options.metadata ?? {}),
            ...(this.dependencies.artifacts.describe ? { storage: this.dependencies.artifacts.describe() } : {}),
          },
          deadLetterQueueJobId: null,
          createdAt: now,
          updatedAt: now,
          startedAt: null,
          finishedAt: null,
        });
        await scope.em.flush();
        await pipeline.dispatch(
          scope,
          jobId,
          [],
          [{ jobId, step: 'script', sceneIndex: null, provider: providers.script, input: null }],
        );
      });
    } catch (error) {
      // Two submits with one idempotency key raced: the other one's job is the answer.
      if (
        options.idempotencyKey &&
        (error instanceof UniqueConstraintViolationException || (error as { code?: string }).code === '23505')
      ) {
        const existing = await this.findByIdempotencyKey(options.ownerId, options.idempotencyKey, brief);
        if (existing) return existing;
      }
      throw error;
    }
    this.dependencies.logger.info({ jobId, providers }, 'job submitted');
    return jobId;
  }

  private async findByIdempotencyKey(
    ownerId: string | undefined,
    idempotencyKey: string,
    brief: Brief,
  ): Promise<string | null> {
    const em = this.dependencies.database.em();
    const existing = await em.findOne(VideoJobEntity, { ownerId: ownerId ?? null, idempotencyKey });
    if (!existing) return null;
    if (!isDeepStrictEqual(existing.brief, brief)) {
      throw new LooplyError(
        'idempotency-conflict',
        `Idempotency key "${idempotencyKey}" was already used for job ${existing.id} with a different brief`,
      );
    }
    return existing.id;
  }

  /**
   * Cancels an unfinished job: the job and its pending, running and waiting steps become
   * CANCELLED in one transaction; running steps are aborted in every process (NOTIFY), remote
   * work is cancelled where the provider can. Cancelling a cancelled job changes nothing.
   */
  async cancel(jobId: string): Promise<void> {
    const { database, store, remoteCancel } = this.dependencies;
    if (!jobIdSchema.safeParse(jobId).success) throw notFound(jobId);
    const cancelled = await database.transaction(async (scope) => {
      const job = await store.lockJob(scope, jobId);
      if (!job) throw notFound(jobId);
      if (job.status === 'CANCELLED') return [];
      if (isTerminalJobStatus(job.status)) {
        throw new LooplyError(
          'conflict',
          `Job ${jobId} is already ${job.status}; only unfinished jobs can be cancelled`,
        );
      }
      return cancelJob(this.dependencies, scope, job);
    });
    await remoteCancel.cancel(cancelled.filter((step) => step.previousStatus === 'WAITING'));
  }

  /** Takes a FAILED job out of the dead-letter queue and re-queues its failed (and cancelled) steps with fresh attempts. */
  async retry(jobId: string): Promise<void> {
    const { database, store, steps, jobs, pipeline, boss } = this.dependencies;
    if (!jobIdSchema.safeParse(jobId).success) throw notFound(jobId);
    await database.transaction(async (scope) => {
      const job = await store.lockJob(scope, jobId);
      if (!job) throw notFound(jobId);
      if (job.status !== 'FAILED')
        throw new LooplyError('conflict', `Job ${jobId} is ${job.status}; only FAILED jobs can be retried`);
      await steps.resetForRetry(scope, jobId);
      if (job.deadLetterQueueJobId)
        await boss.deleteJob(DEAD_LETTER_QUEUE, job.deadLetterQueueJobId, { db: scope.queueDatabase });
      await jobs.update(scope, jobId, { status: 'RUNNING', error: null, deadLetterQueueJobId: null, finished: null });
      await pipeline.dispatch(scope, jobId);
      await pipeline.refresh(scope, { ...job, status: 'RUNNING' });
    });
    this.dependencies.logger.info({ jobId }, 'job retried');
  }

  /** Deletes a job (cancelling it first if unfinished), its steps and its artifacts under `jobs/<id>/`. */
  async delete(jobId: string): Promise<void> {
    const { database, store, boss, artifacts } = this.dependencies;
    if (!jobIdSchema.safeParse(jobId).success) throw notFound(jobId);
    const job = await store.findJob(jobId);
    if (!job) throw notFound(jobId);
    if (!isTerminalJobStatus(job.status))
      await this.cancel(jobId).catch((error: unknown) => {
        // It finished meanwhile: delete it anyway.
        if (!(error instanceof LooplyError && error.code === 'conflict')) throw error;
      });
    await database.transaction(async (scope) => {
      const locked = await store.lockJob(scope, jobId);
      if (!locked) return;
      if (locked.deadLetterQueueJobId)
        await boss.deleteJob(DEAD_LETTER_QUEUE, locked.deadLetterQueueJobId, { db: scope.queueDatabase });
      await scope.query(`delete from ${database.table('video_job')} where id = $1`, [jobId]);
    });
    await artifacts.deletePrefix(`jobs/${jobId}/`);
  }
}
