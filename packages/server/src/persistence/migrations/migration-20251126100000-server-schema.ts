import { Migration } from '@mikro-orm/migrations';

function table(schema: string, name: string): string {
  return `"${schema}"."${name}"`;
}

/** The server's own tables in its schema (default `looply_server`); the engine's tables are core's. */
export class Migration20251126100000ServerSchema extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    this.addSql(`create schema if not exists "${schema}"`);
    this.addSql(`
      create table ${table(schema, 'user_account')} (
        "id" uuid primary key,
        "email" text not null unique,
        "password_hash" text not null,
        "token_version" integer not null default 0,
        "display_name" text null,
        "default_language" text null,
        "default_voice" text null,
        "default_style" text null,
        "default_aspect_ratio" text null,
        "callback_secret" text not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      )`);
    // One row per (user, key): the key's first request and the job it created.
    this.addSql(`
      create table ${table(schema, 'idempotency_record')} (
        "owner_id" uuid not null references ${table(schema, 'user_account')} ("id") on delete cascade,
        "key" text not null,
        "body_hash" text not null,
        "job_id" uuid not null,
        "created_at" timestamptz not null default now(),
        primary key ("owner_id", "key")
      )`);
    this.addSql(
      `create index "idempotency_record_created_at_index" on ${table(schema, 'idempotency_record')} ("created_at")`,
    );
    // What each user asked for, for the daily quotas (kept when the job is deleted: deleting must not refund).
    this.addSql(`
      create table ${table(schema, 'video_usage')} (
        "job_id" uuid primary key,
        "owner_id" uuid not null references ${table(schema, 'user_account')} ("id") on delete cascade,
        "duration_sec" integer not null,
        "created_at" timestamptz not null default now()
      )`);
    this.addSql(
      `create index "video_usage_owner_id_created_at_index" on ${table(schema, 'video_usage')} ("owner_id", "created_at")`,
    );
    // Rate-limit counters: hot, short-lived and rebuilt by traffic, so unlogged (no WAL flush per request).
    this.addSql(`
      create unlogged table ${table(schema, 'rate_limit_counter')} (
        "key" text primary key,
        "hits" integer not null,
        "reset_at" timestamptz not null
      )`);
    this.addSql(
      `create index "rate_limit_counter_reset_at_index" on ${table(schema, 'rate_limit_counter')} ("reset_at")`,
    );
    // Jobs with a callback URL; `enqueued_at` is set once their job-end delivery is queued.
    this.addSql(`
      create table ${table(schema, 'callback_subscription')} (
        "job_id" uuid primary key,
        "owner_id" uuid not null references ${table(schema, 'user_account')} ("id") on delete cascade,
        "url" text not null,
        "created_at" timestamptz not null default now(),
        "enqueued_at" timestamptz null
      )`);
    this.addSql(
      `create index "callback_subscription_pending_index" on ${table(schema, 'callback_subscription')} ("created_at") where "enqueued_at" is null`,
    );
    // One delivery per (job, event): its id is the stable `webhook-id` across retries.
    this.addSql(`
      create table ${table(schema, 'callback_delivery')} (
        "id" uuid primary key,
        "job_id" uuid not null,
        "owner_id" uuid not null references ${table(schema, 'user_account')} ("id") on delete cascade,
        "event" text not null,
        "url" text not null,
        "payload" text not null,
        "status" text not null check ("status" in ('PENDING', 'DELIVERED', 'FAILED', 'REFUSED')),
        "attempts" integer not null default 0,
        "last_status_code" integer null,
        "last_error" text null,
        "next_attempt_at" timestamptz null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "delivered_at" timestamptz null,
        unique ("job_id", "event")
      )`);
    // Provider webhook deliveries already handled (replays answer 200 and change nothing).
    this.addSql(`
      create table ${table(schema, 'inbound_webhook')} (
        "provider" text not null,
        "delivery_id" text not null,
        "received_at" timestamptz not null default now(),
        primary key ("provider", "delivery_id")
      )`);
    this.addSql(`
      create table ${table(schema, 'worker_heartbeat')} (
        "id" uuid primary key,
        "hostname" text not null,
        "pid" integer not null,
        "concurrency" integer not null,
        "started_at" timestamptz not null default now(),
        "last_seen_at" timestamptz not null default now()
      )`);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    for (const name of [
      'worker_heartbeat',
      'inbound_webhook',
      'callback_delivery',
      'callback_subscription',
      'rate_limit_counter',
      'video_usage',
      'idempotency_record',
      'user_account',
    ]) {
      this.addSql(`drop table if exists ${table(schema, name)}`);
    }
  }
}
