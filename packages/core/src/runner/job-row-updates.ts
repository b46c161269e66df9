import type { StepKind } from '../domain/brief.js';
import type { Database, TransactionScope } from '../persistence/database.js';
import type { JobResult, JobUsage, StepFailure } from '../persistence/job-columns.js';
import type { JobStatus } from '../persistence/job-status.js';
import type { JsonValue } from '../spec/shared/v1/long-running-v1.js';

/** The columns of `video_job` the runner changes; absent fields stay as they are. */
export interface JobRowChange {
  status?: JobStatus;
  progress?: number;
  currentStep?: StepKind | null;
  usage?: JobUsage;
  totalCostUsd?: number;
  result?: JobResult | null;
  error?: StepFailure | null;
  deadLetterQueueJobId?: string | null;
  started?: boolean;
  /** `true` stamps `finished_at`, `null` clears it (a retried job). */
  finished?: boolean | null;
}

/** Writes to `video_job` rows, always inside the caller's transaction with the row locked. */
export class JobRowUpdates {
  private readonly jobTable: string;

  constructor(database: Database) {
    this.jobTable = database.table('video_job');
  }

  async update(scope: TransactionScope, jobId: string, change: JobRowChange): Promise<void> {
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

  /**
   * Merges a step's metadata into the job's `metadata.steps[key]` (keys of earlier merges are kept),
   * atomically, so scenes finishing together do not overwrite each other.
   */
  async mergeStepMetadata(
    scope: TransactionScope,
    jobId: string,
    key: string,
    metadata: Record<string, JsonValue>,
  ): Promise<void> {
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
}
