import type { ServerDatabase } from '../persistence/server-database.js';
import type { Analytics } from './admin-schemas.js';

const DAY_MS = 24 * 3600_000;
/** Without `from`, the period is the last 30 UTC days. */
const DEFAULT_PERIOD_DAYS = 30;
const TOP_FAILURES = 10;

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The operator's analytics, each figure one SQL aggregate over the engine's `video_job` and
 * `step_run` (jobs are counted on their creation day, UTC; step times are `finished_at − started_at`
 * of completed steps, so retries' waiting time is included).
 */
export class AnalyticsQueries {
  constructor(
    private readonly database: ServerDatabase,
    private readonly engineSchema: string,
  ) {}

  async compute(period: { from?: string; to?: string }, now = new Date()): Promise<Analytics> {
    const to = period.to ?? utcDay(now);
    const from = period.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS));
    const jobs = `"${this.engineSchema}"."video_job"`;
    const steps = `"${this.engineSchema}"."step_run"`;
    const users = this.database.table('user_account');
    // Jobs created in [from, to] (inclusive UTC days).
    const inPeriod = (alias: string) =>
      `${alias}.created_at >= ($1::date)::timestamp at time zone 'utc' and ${alias}.created_at < ($2::date + 1)::timestamp at time zone 'utc'`;
    const day = (alias: string) => `to_char(${alias}.created_at at time zone 'utc', 'YYYY-MM-DD')`;
    const values = [from, to];

    const [perDay, totals, timings, costPerProvider, costPerUser, failures] = await Promise.all([
      this.database.query<{ day: string; completed: string; failed: string; cancelled: string }>(
        `select ${day('j')} as day, count(*) filter (where j.status = 'COMPLETED') as completed,
                count(*) filter (where j.status = 'FAILED') as failed, count(*) filter (where j.status = 'CANCELLED') as cancelled
           from ${jobs} j where ${inPeriod('j')} group by 1 order by 1`,
        values,
      ),
      this.database.query<{ jobs: string; completed: string; failed: string; cost: number | null }>(
        `select count(*) as jobs, count(*) filter (where j.status = 'COMPLETED') as completed,
                count(*) filter (where j.status = 'FAILED') as failed, sum(j.total_cost_usd) as cost
           from ${jobs} j where ${inPeriod('j')}`,
        values,
      ),
      this.database.query<{
        step: Analytics['stepTimings'][number]['step'];
        provider: string;
        runs: string;
        p50: number;
        p95: number;
      }>(
        `select s.step, s.provider, count(*) as runs,
                percentile_cont(0.5) within group (order by extract(epoch from s.finished_at - s.started_at) * 1000) as p50,
                percentile_cont(0.95) within group (order by extract(epoch from s.finished_at - s.started_at) * 1000) as p95
           from ${steps} s join ${jobs} j on j.id = s.job_id
          where ${inPeriod('j')} and s.status = 'COMPLETED' and s.started_at is not null and s.finished_at is not null
          group by s.step, s.provider
          order by array_position(array['script', 'voice', 'visual', 'assembly'], s.step), s.provider`,
        values,
      ),
      this.database.query<{ day: string; provider: string; cost: number }>(
        `select ${day('j')} as day, s.provider, sum((s.usage->>'costUsd')::double precision) as cost
           from ${steps} s join ${jobs} j on j.id = s.job_id
          where ${inPeriod('j')} and s.usage ? 'costUsd'
          group by 1, 2 order by 1, 2`,
        values,
      ),
      this.database.query<{ owner_id: string; email: string | null; jobs: string; cost: number }>(
        `select j.owner_id, u.email, count(*) as jobs, coalesce(sum(j.total_cost_usd), 0) as cost
           from ${jobs} j left join ${users} u on u.id::text = j.owner_id
          where ${inPeriod('j')} and j.owner_id is not null
          group by j.owner_id, u.email order by cost desc, jobs desc, j.owner_id limit 100`,
        values,
      ),
      this.database.query<{ step: string; provider: string; code: string | null; message: string; count: string }>(
        `select j.error->>'step' as step, j.error->>'provider' as provider, j.error->>'code' as code, j.error->>'message' as message, count(*) as count
           from ${jobs} j
          where ${inPeriod('j')} and j.status = 'FAILED' and j.error is not null
          group by 1, 2, 3, 4 order by count(*) desc, 4 limit ${TOP_FAILURES}`,
        values,
      ),
    ]);

    const total = totals.rows[0];
    const completed = Number(total?.completed ?? 0);
    const failed = Number(total?.failed ?? 0);
    return {
      from,
      to,
      videosPerDay: perDay.rows.map((row) => ({
        day: row.day,
        completed: Number(row.completed),
        failed: Number(row.failed),
        cancelled: Number(row.cancelled),
      })),
      successRate: completed + failed > 0 ? completed / (completed + failed) : null,
      totals: { jobs: Number(total?.jobs ?? 0), completed, failed, totalCostUsd: Number(total?.cost ?? 0) },
      stepTimings: timings.rows.map((row) => ({
        step: row.step,
        provider: row.provider,
        runs: Number(row.runs),
        p50Ms: Number(row.p50),
        p95Ms: Number(row.p95),
      })),
      costPerProviderPerDay: costPerProvider.rows.map((row) => ({
        day: row.day,
        provider: row.provider,
        costUsd: Number(row.cost),
      })),
      costPerUser: costPerUser.rows.map((row) => ({
        userId: row.owner_id,
        email: row.email,
        jobs: Number(row.jobs),
        costUsd: Number(row.cost),
      })),
      topFailureReasons: failures.rows.map((row) => ({
        step: row.step,
        provider: row.provider,
        code: row.code,
        message: row.message,
        count: Number(row.count),
      })),
    };
  }
}
