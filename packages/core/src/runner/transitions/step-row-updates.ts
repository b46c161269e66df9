import type { Database, TransactionScope } from '../../persistence/database.js';
import type { StepFailure } from '../../persistence/job-columns.js';
import type { StepStatus } from '../../persistence/job-status.js';
import type { JsonValue } from '../../spec/shared/v1/long-running-v1.js';
import type { UsageV1 } from '../../spec/shared/v1/usage-v1.js';
import { toStepRunState, type StepFence, type StepRunState } from '../step-run-state.js';

/** A step cancelled with its job, and the status it had before. */
export type CancelledStep = StepRunState & { previousStatus: StepStatus };

/**
 * The compare-and-set updates of `step_run`: each names the state it expects (status, lease
 * token or attempt, see `StepFence`) and reports whether it won, so a write of an attempt that
 * lost its lease, or of a poll about an older attempt, changes nothing. Always called inside a
 * transaction that locked the job row first (the lock order that keeps us free of deadlocks).
 */
export class StepRowUpdates {
  private readonly stepTable: string;

  constructor(database: Database) {
    this.stepTable = database.table('step_run');
  }

  private fenceClause(fence: StepFence, firstParameter: number): { sql: string; values: unknown[] } {
    switch (fence.kind) {
      case 'lease':
        return { sql: `status = 'RUNNING' and lease_token = $${firstParameter}`, values: [fence.leaseToken] };
      case 'expired-lease':
        return {
          sql: `status = 'RUNNING' and lease_token = $${firstParameter} and lease_expires_at < now()`,
          values: [fence.leaseToken],
        };
      case 'waiting':
        return { sql: `status = 'WAITING' and attempt = $${firstParameter}`, values: [fence.attempt] };
    }
  }

  /** Stores the output of the current attempt. Null (nothing written) for a superseded attempt. */
  async complete(
    scope: TransactionScope,
    stepRunId: string,
    fence: StepFence,
    output: JsonValue,
    usage: UsageV1,
    input?: JsonValue,
  ): Promise<StepRunState | null> {
    const clause = this.fenceClause(fence, 5);
    const { rows } = await scope.query(
      `update ${this.stepTable}
         set status = 'COMPLETED', output = $2, usage = $3, input = coalesce($4, input), error = null,
             lease_token = null, lease_expires_at = null, finished_at = now(), updated_at = now()
       where id = $1 and ${clause.sql}
       returning *`,
      [
        stepRunId,
        JSON.stringify(output),
        JSON.stringify(usage),
        input === undefined ? null : JSON.stringify(input),
        ...clause.values,
      ],
    );
    return rows[0] ? toStepRunState(rows[0]) : null;
  }

  /** RUNNING → WAITING after a long-running start: the operation is persisted; `deadlineMs` bounds the wait for the next poll. */
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
      [
        stepRunId,
        leaseToken,
        JSON.stringify(change.operation),
        change.externalId,
        JSON.stringify(change.usage),
        change.pollQueueJobId,
        change.deadlineMs,
      ],
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
  async replaceQueueJob(
    scope: TransactionScope,
    stepRunId: string,
    previousQueueJobId: string,
    queueJobId: string,
  ): Promise<boolean> {
    const { rowCount } = await scope.query(
      `update ${this.stepTable} set queue_job_id = $3, updated_at = now()
       where id = $1 and status = 'PENDING' and queue_job_id = $2`,
      [stepRunId, previousQueueJobId, queueJobId],
    );
    return rowCount === 1;
  }

  /**
   * Back to PENDING behind a new (possibly delayed) message after a retryable failure, or after
   * its worker stopped renewing the lease (`expired-lease`). The attempt stays counted.
   */
  async scheduleRetry(
    scope: TransactionScope,
    stepRunId: string,
    fence: StepFence,
    failure: StepFailure,
    queueJobId: string,
  ): Promise<StepRunState | null> {
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
  async release(
    scope: TransactionScope,
    stepRunId: string,
    leaseToken: string,
    queueJobId: string,
  ): Promise<StepRunState | null> {
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

  async fail(
    scope: TransactionScope,
    stepRunId: string,
    fence: StepFence,
    failure: StepFailure,
  ): Promise<StepRunState | null> {
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
}
