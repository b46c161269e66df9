import { randomUUID } from 'node:crypto';
import { STEP_KINDS, type StepKind } from '../domain/brief.js';
import type { Database, TransactionScope } from '../persistence/database.js';
import type { JsonValue } from '../spec/shared/v1/long-running-v1.js';
import { STEP_DESCRIPTORS } from './steps/step-descriptors.js';
import { toJobState, toStepRunState, type JobState, type StepRunState } from './step-run-state.js';

/** The kinds whose input is read from earlier steps (voice: the script; assembly: everything). */
const KINDS_READING_COMPLETED_STEPS = STEP_KINDS.filter((kind) => STEP_DESCRIPTORS[kind].readsCompletedSteps);

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

/**
 * Reads of `step_run` and `video_job`, the claim (PENDING → RUNNING), lease renewal and step
 * creation. The compare-and-set updates that hand a step on live in `transitions/step-row-updates.ts`.
 * Leases use the database clock, so workers on different machines agree on expiry.
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
               worker_id = $8
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
              case when claimed.step = any($7::text[]) then
                (select coalesce(jsonb_agg(to_jsonb(done)), '[]') from ${this.stepTable} done where done.job_id = claimed.job_id and done.status = 'COMPLETED')
              else '[]'::jsonb end as completed
       from claimed join started on started.id = claimed.job_id`,
      [
        message.stepRunId,
        message.jobId,
        message.queueJobId,
        randomUUID(),
        leaseMs,
        eventsChannel,
        KINDS_READING_COMPLETED_STEPS,
        this.workerId,
      ],
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

  /**
   * PENDING steps whose message can no longer be fetched: it is gone, finished, or was fetched
   * (active) by a worker that never claimed the step within a lease.
   */
  async findOrphanedPending(
    queueSchema: string,
    leaseMs: number,
    limit: number,
  ): Promise<Array<{ id: string; jobId: string; step: StepKind; queueJobId: string }>> {
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
  async extendWaitingDeadline(
    stepRunId: string,
    attempt: number,
    queueJobId: string,
    deadlineMs: number,
  ): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `update ${this.stepTable} set lease_expires_at = now() + $4 * interval '1 millisecond'
       where id = $1 and status = 'WAITING' and attempt = $2 and queue_job_id = $3`,
      [stepRunId, attempt, queueJobId, deadlineMs],
    );
    return rowCount === 1;
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
  async setQueueJobs(
    scope: TransactionScope,
    assignments: Array<{ stepRunId: string; queueJobId: string }>,
  ): Promise<void> {
    if (assignments.length === 0) return;
    await scope.query(
      `update ${this.stepTable} s set queue_job_id = a.queue_job_id, updated_at = now()
       from unnest($1::uuid[], $2::uuid[]) as a(id, queue_job_id)
       where s.id = a.id`,
      [assignments.map((assignment) => assignment.stepRunId), assignments.map((assignment) => assignment.queueJobId)],
    );
  }
}
