import { randomUUID } from 'node:crypto';
import type { StepKind } from '../domain/brief.js';
import type { TransactionScope } from '../persistence/database.js';
import type { Database } from '../persistence/database.js';
import type { StepFailure } from '../persistence/job-columns.js';
import type { JobStatus, StepStatus } from '../persistence/job-status.js';
import type { JsonValue } from '../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../spec/shared/v1/usage-v1.js';
import { toJobState, toStepRunState, type JobState, type StepFence, type StepRunState } from './step-run-state.js';

/** A step to create; `queueJobId` when its message is sent in the same transaction. */
export interface NewStep {
  id?: string;
  jobId: string;
  step: StepKind;
  sceneIndex: number | null;
  provider: string;
  input: JsonValue | null;
  queueJobId?: string;
}

/** A step cancelled with its job, and the status it had before. */
export type CancelledStep = StepRunState & { previousStatus: StepStatus };

/**
 * The state transitions of `step_run` and `video_job`, written as compare-and-set SQL: each
 * update names the state it expects (status, lease token or attempt) and reports whether it
 * won. Leases use the database clock, so workers on different machines agree on expiry.
 *
 * Lock order, to stay free of deadlocks: the job row first (`lockJob`), then its step rows.
 */
export class StepRunStore {
  private readonly jobTable: string;
  private readonly stepTable: string;

  constructor(
    private readonly database: Database,
    /** Written on the step runs this store claims (`step_run.worker_id`). */
    private readonly workerId: string | null = null,
  ) {
    this.jobTable = database.table('video_job');
    this.stepTable = database.table('step_run');
  }

  private fenceClause(fence: StepFence, firstParameter: number): { sql: string; values: unknown[] } {
    return fence.kind === 'lease'
      ? { sql: `status = 'RUNNING' and lease_token = $${firstParameter}`, values: [fence.leaseToken] }
      : { sql: `status = 'WAITING' and attempt = $${firstParameter}`, values: [fence.attempt] };
  }

  async lockJob(scope: TransactionScope, jobId: string): Promise<JobState | null> {
    const { rows } = await scope.query(`select * from ${this.jobTable} where id = $1 for update`, [jobId]);
    return rows[0] ? toJobState(rows[0]) : null;
  }

  async findJob(jobId: string): Promise<JobState | null> {
    const { rows } = await this.database.query(`select * from ${this.jobTable} where id = $1`, [jobId]);
    return rows[0] ? toJobState(rows[0]) : null;
  }

  async findStep(stepRunId: string, scope?: TransactionScope): Promise<StepRunState | null> {
    const sql = `select * from ${this.stepTable} where id = $1`;
    const { rows } = scope ? await scope.query(sql, [stepRunId]) : await this.database.query(sql, [stepRunId]);
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  async listSteps(jobId: string, scope?: TransactionScope): Promise<StepRunState[]> {
    const sql = `select * from ${this.stepTable} where job_id = $1 order by created_at, scene_index nulls first`;
    const { rows } = scope ? await scope.query(sql, [jobId]) : await this.database.query(sql, [jobId]);
    return rows.map(toStepRunState);
  }

  /**
   * PENDING → RUNNING for the message that is the step's current one (new lease, attempt + 1),
   * only while its job is unfinished; the job shows the step as started and a `step-start` event
   * goes out (NOTIFY on `eventsChannel`). One statement, one round trip, locking the job row
   * before the step row like every other transition.
   */
  async claim(
    message: { stepRunId: string; jobId: string; queueJobId: string },
    leaseMs: number,
    eventsChannel: string,
  ): Promise<{ step: StepRunState; job: JobState; completed: StepRunState[]; startedAt: string } | null> {
    const { rows } = await this.database.query(
      `with job as (
         select id from ${this.jobTable}
         where id = $2 and status not in ('COMPLETED', 'FAILED', 'CANCELLED')
         for update
       ),
       claimed as (
         update ${this.stepTable} s
           set status = 'RUNNING', attempt = attempt + 1, lease_token = $4,
               lease_expires_at = now() + $5 * interval '1 millisecond',
               started_at = coalesce(started_at, now()), attempt_started_at = now(), updated_at = now(),
               worker_id = $7
         where s.id = $1 and s.job_id = $2 and s.status = 'PENDING' and s.queue_job_id = $3 and exists (select 1 from job)
         returning s.*
       ),
       started as (
         update ${this.jobTable} j
           set status = 'RUNNING', current_step = claimed.step, started_at = coalesce(j.started_at, now()), updated_at = now()
         from claimed
         where j.id = claimed.job_id
         returning j.*
       ),
       announced as (
         select pg_notify($6, jsonb_strip_nulls(jsonb_build_object(
                  'type', 'step-start', 'jobId', claimed.job_id, 'step', claimed.step, 'sceneIndex', claimed.scene_index,
                  'provider', claimed.provider, 'attempt', claimed.attempt,
                  'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))::text) as sent
         from claimed
       )
       select claimed.*, to_jsonb(started) as job,
              (select count(*) from announced) as announced,
              -- A claim lost in a database crash only means the step runs again (it is PENDING
              -- once more), so its commit need not wait for the WAL flush.
              set_config('synchronous_commit', 'off', true) as commit_mode,
              to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as claimed_at,
              -- Voice reads the script, assembly every output: read them in the same round trip.
              case when claimed.step in ('voice', 'assembly') then
                (select coalesce(jsonb_agg(to_jsonb(done)), '[]') from ${this.stepTable} done where done.job_id = claimed.job_id and done.status = 'COMPLETED')
              else '[]'::jsonb end as completed
       from claimed join started on started.id = claimed.job_id`,
      [message.stepRunId, message.jobId, message.queueJobId, randomUUID(), leaseMs, eventsChannel, this.workerId],
    );
    if (!rows[0]) return null;
    return {
      step: toStepRunState(rows[0]),
      job: toJobState(rows[0].job as Record<string, unknown>),
      completed: (rows[0].completed as Array<Record<string, unknown>>).map(toStepRunState),
      startedAt: rows[0].claimed_at as string,
    };
  }

  /** Extends a running lease; false when the lease is no longer ours (cancelled or superseded). */
  async renewLease(stepRunId: string, leaseToken: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `update ${this.stepTable} set lease_expires_at = now() + $3 * interval '1 millisecond'
       where id = $1 and status = 'RUNNING' and lease_token = $2`,
      [stepRunId, leaseToken, leaseMs],
    );
    return rowCount === 1;
  }

  /** Stores the output of the current attempt. False (nothing written) for a superseded attempt. */
  async complete(scope: TransactionScope, stepRunId: string, fence: StepFence, output: JsonValue, usage: UsageV1, input?: JsonValue): Promise<StepRunState | null> {
    const clause = this.fenceClause(fence, 5);
    const { rows } = await scope.query(
      `update ${this.stepTable}
         set status = 'COMPLETED', output = $2, usage = $3, input = coalesce($4, input), error = null,
             lease_token = null, lease_expires_at = null, finished_at = now(), updated_at = now()
       where id = $1 and ${clause.sql}
       returning *`,
      [stepRunId, JSON.stringify(output), JSON.stringify(usage), input === undefined ? null : JSON.stringify(input), ...clause.values],
    );
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  /**
   * Merges a step's metadata into the job's `metadata.steps[key]` (keys of earlier merges are kept),
   * atomically, so scenes finishing together do not overwrite each other.
   */
  async mergeStepMetadata(scope: TransactionScope, jobId: string, key: string, metadata: Record<string, JsonValue>): Promise<void> {
    await scope.query(
      `update ${this.jobTable}
         set metadata = jsonb_set(
               coalesce(metadata, '{}'::jsonb),
               '{steps}',
               coalesce(metadata->'steps', '{}'::jsonb)
                 || jsonb_build_object($2::text, coalesce(metadata->'steps'->$2::text, '{}'::jsonb) || $3::jsonb)
             ),
             updated_at = now()
       where id = $1`,
      [jobId, key, JSON.stringify(metadata)],
    );
  }

  /** RUNNING → WAITING after a long-running start: the operation is persisted; `leaseMs` bounds the wait for the next poll. */
  async markWaiting(
    scope: TransactionScope,
    stepRunId: string,
    leaseToken: string,
    change: { operation: JsonValue; externalId: string; usage: UsageV1; pollQueueJobId: string; deadlineMs: number },
  ): Promise<StepRunState | null> {
    const { rows } = await scope.query(
      `update ${this.stepTable}
         set status = 'WAITING', operation = $3, external_id = $4, usage = $5, queue_job_id = $6,
             lease_token = null, lease_expires_at = now() + $7 * interval '1 millisecond', updated_at = now()
       where id = $1 and status = 'RUNNING' and lease_token = $2
       returning *`,
      [stepRunId, leaseToken, JSON.stringify(change.operation), change.externalId, JSON.stringify(change.usage), change.pollQueueJobId, change.deadlineMs],
    );
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  /** A waiting step hands its poll over to a new message (the one live poll). */
  async reschedulePoll(
    scope: TransactionScope,
    stepRunId: string,
    change: { attempt: number; previousQueueJobId: string | null; pollQueueJobId: string; deadlineMs: number },
  ): Promise<boolean> {
    const { rowCount } = await scope.query(
      `update ${this.stepTable}
         set queue_job_id = $4, lease_expires_at = now() + $5 * interval '1 millisecond', updated_at = now()
       where id = $1 and status = 'WAITING' and attempt = $2 and queue_job_id is not distinct from $3`,
      [stepRunId, change.attempt, change.previousQueueJobId, change.pollQueueJobId, change.deadlineMs],
    );
    return rowCount === 1;
  }

  /** A PENDING step whose message went missing gets a new one (compare-and-set on the old id). */
  async replaceQueueJob(scope: TransactionScope, stepRunId: string, previousQueueJobId: string, queueJobId: string): Promise<boolean> {
    const { rowCount } = await scope.query(
      `update ${this.stepTable} set queue_job_id = $3, updated_at = now()
       where id = $1 and status = 'PENDING' and queue_job_id = $2`,
      [stepRunId, previousQueueJobId, queueJobId],
    );
    return rowCount === 1;
  }

  /**
   * PENDING steps whose message can no longer be fetched: it is gone, finished, or was fetched
   * (active) by a worker that never claimed the step within a lease.
   */
  async findOrphanedPending(queueSchema: string, leaseMs: number, limit: number): Promise<Array<{ id: string; jobId: string; step: StepKind; queueJobId: string }>> {
    const { rows } = await this.database.query<{ id: string; job_id: string; step: StepKind; queue_job_id: string }>(
      `select s.id, s.job_id, s.step, s.queue_job_id from ${this.stepTable} s
       left join "${queueSchema}".job j on j.id = s.queue_job_id
       where s.status = 'PENDING' and s.queue_job_id is not null
         and s.updated_at < now() - $1 * interval '1 millisecond'
         and (j.id is null or j.state in ('completed', 'cancelled', 'failed')
              or (j.state = 'active' and j.started_on < now() - $1 * interval '1 millisecond'))
       limit $2`,
      [leaseMs, limit],
    );
    return rows.map((row) => ({ id: row.id, jobId: row.job_id, step: row.step, queueJobId: row.queue_job_id }));
  }

  /** Pushes a waiting step's deadline while a poll is in flight, so the sweeper leaves it alone. */
  async extendWaitingDeadline(stepRunId: string, attempt: number, queueJobId: string, deadlineMs: number): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `update ${this.stepTable} set lease_expires_at = now() + $4 * interval '1 millisecond'
       where id = $1 and status = 'WAITING' and attempt = $2 and queue_job_id = $3`,
      [stepRunId, attempt, queueJobId, deadlineMs],
    );
    return rowCount === 1;
  }

  /** Back to PENDING behind a new (possibly delayed) message after a retryable failure. */
  async scheduleRetry(scope: TransactionScope, stepRunId: string, fence: StepFence, failure: StepFailure, queueJobId: string): Promise<StepRunState | null> {
    const clause = this.fenceClause(fence, 4);
    const { rows } = await scope.query(
      `update ${this.stepTable}
         set status = 'PENDING', error = $2, queue_job_id = $3, lease_token = null, lease_expires_at = null,
             operation = null, external_id = null, updated_at = now()
       where id = $1 and ${clause.sql}
       returning *`,
      [stepRunId, JSON.stringify(failure), queueJobId, ...clause.values],
    );
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  /** Gives a running step back without counting the attempt (graceful shutdown). */
  async release(scope: TransactionScope, stepRunId: string, leaseToken: string, queueJobId: string): Promise<StepRunState | null> {
    const { rows } = await scope.query(
      `update ${this.stepTable}
         set status = 'PENDING', attempt = greatest(attempt - 1, 0), queue_job_id = $3,
             lease_token = null, lease_expires_at = null, updated_at = now()
       where id = $1 and status = 'RUNNING' and lease_token = $2
       returning *`,
      [stepRunId, leaseToken, queueJobId],
    );
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  async fail(scope: TransactionScope, stepRunId: string, fence: StepFence, failure: StepFailure): Promise<StepRunState | null> {
    const clause = this.fenceClause(fence, 3);
    const { rows } = await scope.query(
      `update ${this.stepTable}
         set status = 'FAILED', error = $2, lease_token = null, lease_expires_at = null, finished_at = now(), updated_at = now()
       where id = $1 and ${clause.sql}
       returning *`,
      [stepRunId, JSON.stringify(failure), ...clause.values],
    );
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  /** Every unfinished step of a job → CANCELLED. Returns them with the status they had (waiting ones keep their operation). */
  async cancelUnfinished(scope: TransactionScope, jobId: string): Promise<CancelledStep[]> {
    const { rows } = await scope.query(
      `with unfinished as (
         select id, status from ${this.stepTable}
         where job_id = $1 and status in ('PENDING', 'RUNNING', 'WAITING')
         for update
       )
       update ${this.stepTable} s
         set status = 'CANCELLED', lease_token = null, lease_expires_at = null, finished_at = now(), updated_at = now()
       from unfinished
       where s.id = unfinished.id
       returning s.*, unfinished.status as previous_status`,
      [jobId],
    );
    return rows.map((row) => ({ ...toStepRunState(row), previousStatus: row.previous_status as StepStatus }));
  }

  /** Creates steps (idempotent on job, step and scene), already queued when given a message id; returns those it created. */
  async insertSteps(scope: TransactionScope, steps: NewStep[]): Promise<StepRunState[]> {
    if (steps.length === 0) return [];
    const rows = steps.map((step) => ({
      id: step.id ?? randomUUID(),
      job_id: step.jobId,
      step: step.step,
      scene_index: step.sceneIndex,
      provider: step.provider,
      input: step.input,
      queue_job_id: step.queueJobId ?? null,
    }));
    const { rows: inserted } = await scope.query(
      `insert into ${this.stepTable} (id, job_id, step, scene_index, provider, status, attempt, input, queue_job_id)
       select id, job_id, step, scene_index, provider, 'PENDING', 0, input, queue_job_id
       from jsonb_to_recordset($1::jsonb) as r(id uuid, job_id uuid, step text, scene_index integer, provider text, input jsonb, queue_job_id uuid)
       on conflict (job_id, step, coalesce(scene_index, -1)) do nothing
       returning *`,
      [JSON.stringify(rows)],
    );
    return inserted.map(toStepRunState);
  }

  /** Records which message each step waits behind. */
  async setQueueJobs(scope: TransactionScope, assignments: Array<{ stepRunId: string; queueJobId: string }>): Promise<void> {
    if (assignments.length === 0) return;
    await scope.query(
      `update ${this.stepTable} s set queue_job_id = a.queue_job_id, updated_at = now()
       from unnest($1::uuid[], $2::uuid[]) as a(id, queue_job_id)
       where s.id = a.id`,
      [assignments.map((assignment) => assignment.stepRunId), assignments.map((assignment) => assignment.queueJobId)],
    );
  }

  /** Steps whose worker stopped renewing (RUNNING) or whose poll went missing (WAITING). */
  async findExpired(limit: number): Promise<Array<{ id: string; jobId: string }>> {
    const { rows } = await this.database.query<{ id: string; job_id: string }>(
      `select id, job_id from ${this.stepTable}
       where status in ('RUNNING', 'WAITING') and lease_expires_at < now()
       order by lease_expires_at limit $1`,
      [limit],
    );
    return rows.map((row) => ({ id: row.id, jobId: row.job_id }));
  }

  /** Re-reads a step under lock, only if its lease is still expired. */
  async lockExpired(scope: TransactionScope, stepRunId: string): Promise<StepRunState | null> {
    const { rows } = await scope.query(
      `select * from ${this.stepTable}
       where id = $1 and status in ('RUNNING', 'WAITING') and lease_expires_at < now()
       for update`,
      [stepRunId],
    );
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  /** RUNNING with an expired lease → PENDING behind a new message. The attempt stays counted. */
  async recoverExpired(scope: TransactionScope, stepRunId: string, leaseToken: string, failure: StepFailure, queueJobId: string): Promise<boolean> {
    const { rowCount } = await scope.query(
      `update ${this.stepTable}
         set status = 'PENDING', error = $3, queue_job_id = $4, lease_token = null, lease_expires_at = null, updated_at = now()
       where id = $1 and status = 'RUNNING' and lease_token = $2 and lease_expires_at < now()`,
      [stepRunId, leaseToken, JSON.stringify(failure), queueJobId],
    );
    return rowCount === 1;
  }

  /** FAILED and CANCELLED steps of a failed job → PENDING with fresh attempts, not yet queued. */
  async resetForRetry(scope: TransactionScope, jobId: string): Promise<number> {
    const { rowCount } = await scope.query(
      `update ${this.stepTable}
         set status = 'PENDING', attempt = 0, error = null, queue_job_id = null, lease_token = null,
             lease_expires_at = null, operation = null, external_id = null, finished_at = null, updated_at = now()
       where job_id = $1 and status in ('FAILED', 'CANCELLED')`,
      [jobId],
    );
    return rowCount;
  }

  async updateJob(
    scope: TransactionScope,
    jobId: string,
    change: Partial<{
      status: JobStatus;
      progress: number;
      currentStep: StepKind | null;
      usage: JsonValue;
      totalCostUsd: number;
      result: JsonValue | null;
      error: JsonValue | null;
      deadLetterQueueJobId: string | null;
      started: boolean;
      finished: boolean | null;
    }>,
  ): Promise<void> {
    const assignments: string[] = ['updated_at = now()'];
    const values: unknown[] = [jobId];
    const set = (column: string, value: unknown, json = false): void => {
      values.push(json && value !== null ? JSON.stringify(value) : value);
      assignments.push(`${column} = $${values.length}`);
    };
    if (change.status !== undefined) set('status', change.status);
    if (change.progress !== undefined) set('progress', change.progress);
    if (change.currentStep !== undefined) set('current_step', change.currentStep);
    if (change.usage !== undefined) set('usage', change.usage, true);
    if (change.totalCostUsd !== undefined) set('total_cost_usd', change.totalCostUsd);
    if (change.result !== undefined) set('result', change.result, true);
    if (change.error !== undefined) set('error', change.error, true);
    if (change.deadLetterQueueJobId !== undefined) set('dead_letter_queue_job_id', change.deadLetterQueueJobId);
    if (change.started) assignments.push('started_at = coalesce(started_at, now())');
    if (change.finished === true) assignments.push('finished_at = now()');
    if (change.finished === null) assignments.push('finished_at = null');
    await scope.query(`update ${this.jobTable} set ${assignments.join(', ')} where id = $1`, values);
  }
}
