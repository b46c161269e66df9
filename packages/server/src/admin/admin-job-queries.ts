import type { JobStatus, JobView } from '@looply/core';
import type { ServerDatabase } from '../persistence/server-database.js';
import type { AdminJobDetail, AdminJobSummary } from './admin-schemas.js';

interface JobRow {
  id: string;
  owner_id: string | null;
  owner_email: string | null;
  status: JobStatus;
  progress: number;
  topic: string;
  duration_sec: number;
  providers: Record<string, string>;
  total_cost_usd: number;
  error_message: string | null;
  dead_lettered: boolean;
  created_at: Date | string;
  finished_at: Date | string | null;
  total: string;
}

export interface AdminJobFilters {
  page: number;
  pageSize: number;
  status?: JobStatus;
  provider?: string;
  userId?: string;
  /** UTC days, inclusive. */
  from?: string;
  to?: string;
  id?: string;
}

/** Every user's jobs for the operator, read in SQL from the engine's `video_job` joined to the server's users. */
export class AdminJobQueries {
  constructor(
    private readonly database: ServerDatabase,
    private readonly engineSchema: string,
  ) {}

  async list(filters: AdminJobFilters): Promise<{ items: AdminJobSummary[]; total: number }> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    const add = (value: unknown, condition: (placeholder: string) => string) => {
      values.push(value);
      conditions.push(condition(`$${values.length}`));
    };
    if (filters.id) add(filters.id, (placeholder) => `j.id = ${placeholder}`);
    if (filters.status) add(filters.status, (placeholder) => `j.status = ${placeholder}`);
    if (filters.provider)
      add(
        filters.provider,
        (placeholder) =>
          `exists (select 1 from jsonb_each_text(j.providers) chosen where chosen.value = ${placeholder})`,
      );
    if (filters.userId) add(filters.userId, (placeholder) => `j.owner_id = ${placeholder}`);
    if (filters.from)
      add(filters.from, (placeholder) => `j.created_at >= (${placeholder}::date)::timestamp at time zone 'utc'`);
    if (filters.to)
      add(filters.to, (placeholder) => `j.created_at < (${placeholder}::date + 1)::timestamp at time zone 'utc'`);
    values.push(filters.pageSize, (filters.page - 1) * filters.pageSize);
    const { rows } = await this.database.query<JobRow>(
      `select j.id, j.owner_id, u.email as owner_email, j.status, j.progress, j.brief->>'topic' as topic,
              (j.brief->>'durationSec')::int as duration_sec, j.providers, j.total_cost_usd, j.error->>'message' as error_message,
              j.dead_letter_queue_job_id is not null as dead_lettered, j.created_at, j.finished_at, count(*) over () as total
         from "${this.engineSchema}"."video_job" j
         left join ${this.database.table('user_account')} u on u.id::text = j.owner_id
        ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
        order by j.created_at desc, j.id
        limit $${values.length - 1} offset $${values.length}`,
      values,
    );
    return { items: rows.map(toSummary), total: Number(rows[0]?.total ?? 0) };
  }

  /** One job with its steps (attempts, errors, timings, cost), from the engine's view. */
  async detail(job: JobView): Promise<AdminJobDetail | null> {
    const summary = (await this.list({ page: 1, pageSize: 1, id: job.id })).items[0];
    if (!summary) return null;
    return {
      ...summary,
      steps: job.steps.map((step) => ({
        step: step.step,
        sceneIndex: step.sceneIndex,
        provider: step.provider,
        status: step.status,
        attempt: step.attempt,
        startedAt: step.startedAt?.toISOString() ?? null,
        finishedAt: step.finishedAt?.toISOString() ?? null,
        durationMs: step.startedAt && step.finishedAt ? step.finishedAt.getTime() - step.startedAt.getTime() : null,
        costUsd: step.usage?.costUsd ?? null,
        error: step.error
          ? {
              message: step.error.message,
              ...(step.error.code ? { code: step.error.code } : {}),
              ...(step.error.retryable !== undefined ? { retryable: step.error.retryable } : {}),
            }
          : null,
      })),
    };
  }
}

function toSummary(row: JobRow): AdminJobSummary {
  return {
    id: row.id,
    ownerId: row.owner_id,
    ownerEmail: row.owner_email,
    status: row.status,
    progress: Math.round(row.progress),
    topic: row.topic,
    durationSec: row.duration_sec,
    providers: row.providers,
    totalCostUsd: Number(row.total_cost_usd),
    error: row.error_message,
    deadLettered: row.dead_lettered,
    createdAt: new Date(row.created_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  };
}
