import { Migration } from '@mikro-orm/migrations';

function table(schema: string, name: string): string {
  return `"${schema}"."${name}"`;
}

/**
 * Operators: a role per user (`user` or `admin`, never granted implicitly), a disabled flag (a
 * disabled user's tokens are refused at once), and per-user quota overrides (null: the server's default).
 */
export class Migration20261203120000UserAdmin extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    const users = table(schema, 'user_account');
    this.addSql(
      `alter table ${users} add column "role" text not null default 'user' check ("role" in ('user', 'admin'))`,
    );
    this.addSql(`alter table ${users} add column "disabled_at" timestamptz null`);
    this.addSql(
      `alter table ${users} add column "quota_concurrent_jobs" integer null check ("quota_concurrent_jobs" > 0)`,
    );
    this.addSql(
      `alter table ${users} add column "quota_videos_per_day" integer null check ("quota_videos_per_day" > 0)`,
    );
    this.addSql(
      `alter table ${users} add column "quota_seconds_per_day" integer null check ("quota_seconds_per_day" > 0)`,
    );
    this.addSql(`create index "user_account_created_at_index" on ${users} ("created_at" desc)`);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    const users = table(schema, 'user_account');
    this.addSql(`drop index if exists "${schema}"."user_account_created_at_index"`);
    for (const column of [
      'quota_seconds_per_day',
      'quota_videos_per_day',
      'quota_concurrent_jobs',
      'disabled_at',
      'role',
    ]) {
      this.addSql(`alter table ${users} drop column if exists "${column}"`);
    }
  }
}
