import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { BriefRequest } from '../templates/resolve-brief-template.js';
import type { JobEvent } from '../events/job-event.js';
import type { FollowJobOptions, JobFollow } from '../events/follow-job.js';
import type { EngineEventEmitter } from '../events/typed-event-emitter.js';
import type { JobStatus } from '../persistence/job-status.js';
import type { WebhookRequestV1 } from '../spec/shared/v1/long-running-v1.js';
import type { Timeline } from '../timeline/timeline.js';
import type { JobView } from './job-view.js';

export interface SubmitJobOptions {
  ownerId?: string;
  /** The same key and owner submitted again returns the same job (a different brief is a conflict). */
  idempotencyKey?: string;
  metadata?: Record<string, unknown>;
}

export interface ListJobsQuery {
  ownerId?: string;
  status?: JobStatus;
  /** 1-based. Default 1. */
  page?: number;
  /** 1–100. Default 20. */
  pageSize?: number;
}

/** The pipeline engine: jobs in Postgres, steps scheduled through pg-boss, providers from the registry. */
export interface Engine {
  /** Migrates the database, starts pg-boss and the LISTEN connection. Starts no workers. */
  start(): Promise<void>;
  /** Starts claiming and running steps in this process (plus the lease sweeper). */
  startWorkers(options?: { concurrency?: number }): Promise<void>;
  /**
   * Validates the brief (LooplyError `validation` naming the field), checks that every provider
   * exists (`provider-not-registered`), then stores the job and queues its first step.
   */
  submit(brief: BriefRequest, options?: SubmitJobOptions): Promise<JobView>;
  get(id: string): Promise<JobView | null>;
  /** The timeline the job's video was rendered from (its assembly step's input), or null before assembly. */
  renderedTimeline(id: string): Promise<Timeline | null>;
  list(query?: ListJobsQuery): Promise<{ items: JobView[]; total: number }>;
  /** Cancels an unfinished job (`conflict` for a finished one, `not-found` for an unknown id). */
  cancel(id: string): Promise<JobView>;
  /** Re-queues a FAILED job's failed step from the dead-letter queue with fresh attempts. */
  retry(id: string): Promise<JobView>;
  /** Deletes a job (cancelling it first), its steps and its artifacts under `jobs/<id>/`. */
  delete(id: string): Promise<void>;
  /** A provider callback; throws when the provider rejects its signature. */
  handleWebhook(providerId: string, request: WebhookRequestV1): Promise<{ accepted: boolean }>;
  /**
   * Events of what this process did, each emitted once, here only: for counting (metrics) and acting
   * once per event (callbacks). Not a way to follow a job — another process's steps never appear here;
   * use `follow`.
   */
  readonly events: EngineEventEmitter;
  /**
   * Follows one job from any process: its events in order, each once, ending after `job-end` (which
   * always comes, read from the row if it ended before or its notification was lost);
   * `untilEnd()` resolves with the finished job. Lazy: nothing happens until it is iterated.
   */
  follow(jobId: string, options?: FollowJobOptions): JobFollow;
  /** Events of one job from any process (Postgres NOTIFY), raw: no state read, no end guaranteed (see `follow`). Resolves once listening; call the result to stop. */
  subscribe(jobId: string, listener: (event: JobEvent) => void): Promise<() => Promise<void>>;
  /** The artifact store the engine was given (to read results). */
  readonly artifacts: ArtifactStore;
  /** Stops taking work, lets running steps finish (or aborts and releases them), closes every connection. */
  stop(): Promise<void>;
}
