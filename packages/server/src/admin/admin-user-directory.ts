import type { ServerSettings } from '../config/server-settings.js';
import type { ServerDatabase } from '../persistence/server-database.js';
import type { UserRole } from '../persistence/user-account-entity.js';
import type { AdminUser } from './admin-schemas.js';

interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  disabled: boolean;
  quota_concurrent_jobs: number | null;
  quota_videos_per_day: number | null;
  quota_seconds_per_day: number | null;
  jobs: string;
  total_cost_usd: number | null;
  created_at: Date | string;
  total: string;
}

export interface QuotaOverrides {
  concurrentJobs?: number | null;
  videosPerDay?: number | null;
  secondsPerDay?: number | null;
}

/**
 * The operator's view of users: list and search with their job counts and spend (joined from the
 * engine's `video_job`), and quota overrides. Disabling goes through `UserStore.setDisabled` (it
 * revokes tokens in every process).
 */
export class AdminUserDirectory {
  constructor(
    private readonly database: ServerDatabase,
    private readonly options: {
      engineSchema: string;
      quotas: ServerSettings['quotas'];
      adminEmails: ReadonlySet<string>;
    },
  ) {}

  /** Newest first; `search` matches part of the email. */
  async list(query: {
    page: number;
    pageSize: number;
    search?: string;
    id?: string;
  }): Promise<{ items: AdminUser[]; total: number }> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (query.search) {
      values.push(`%${query.search.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
      conditions.push(`u.email like $${values.length}`);
    }
    if (query.id) {
      values.push(query.id);
      conditions.push(`u.id = $${values.length}`);
    }
    values.push(query.pageSize, (query.page - 1) * query.pageSize);
    const { rows } = await this.database.query<UserRow>(
      `select u.id, u.email, u.role, u.disabled_at is not null as disabled, u.quota_concurrent_jobs, u.quota_videos_per_day,
              u.quota_seconds_per_day, u.created_at, coalesce(j.jobs, 0) as jobs, coalesce(j.cost, 0) as total_cost_usd,
              count(*) over () as total
         from ${this.database.table('user_account')} u
         left join lateral (
           select count(*) as jobs, sum(total_cost_usd) as cost from "${this.options.engineSchema}"."video_job" where owner_id = u.id::text
         ) j on true
        ${conditions.length ? `where ${conditions.join(' and ')}` : ''}
        order by u.created_at desc, u.id
        limit $${values.length - 1} offset $${values.length}`,
      values,
    );
    return { items: rows.map((row) => this.toAdminUser(row)), total: Number(rows[0]?.total ?? 0) };
  }

  async get(id: string): Promise<AdminUser | null> {
    return (await this.list({ page: 1, pageSize: 1, id })).items[0] ?? null;
  }

  /** Sets the given overrides (null clears one); false for an unknown user. */
  async setQuota(id: string, overrides: QuotaOverrides): Promise<boolean> {
    const columns: Array<[keyof QuotaOverrides, string]> = [
      ['concurrentJobs', 'quota_concurrent_jobs'],
      ['videosPerDay', 'quota_videos_per_day'],
      ['secondsPerDay', 'quota_seconds_per_day'],
    ];
    const values: unknown[] = [id];
    const assignments = ['updated_at = now()'];
    for (const [field, column] of columns) {
      if (overrides[field] === undefined) continue;
      values.push(overrides[field]);
      assignments.push(`"${column}" = $${values.length}`);
    }
    const { rows } = await this.database.query(
      `update ${this.database.table('user_account')} set ${assignments.join(', ')} where id = $1 returning id`,
      values,
    );
    return rows.length > 0;
  }

  /** Whether a user is an operator: the role in the database, or an email listed in LOOPLY_ADMIN_EMAILS. */
  isAdmin(user: { email: string; role: UserRole }): boolean {
    return user.role === 'admin' || this.options.adminEmails.has(user.email);
  }

  private toAdminUser(row: UserRow): AdminUser {
    const defaults = this.options.quotas;
    return {
      id: row.id,
      email: row.email,
      role: this.isAdmin(row) ? 'admin' : 'user',
      disabled: row.disabled,
      quota: {
        concurrentJobs: row.quota_concurrent_jobs ?? defaults.concurrentJobs,
        videosPerDay: row.quota_videos_per_day ?? defaults.videosPerDay,
        secondsPerDay: row.quota_seconds_per_day ?? defaults.secondsPerDay,
      },
      quotaOverrides: {
        concurrentJobs: row.quota_concurrent_jobs,
        videosPerDay: row.quota_videos_per_day,
        secondsPerDay: row.quota_seconds_per_day,
      },
      jobs: Number(row.jobs),
      totalCostUsd: Number(row.total_cost_usd ?? 0),
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}
