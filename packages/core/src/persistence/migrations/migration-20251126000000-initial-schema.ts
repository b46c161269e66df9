import { Migration } from '@mikro-orm/migrations';
import { qualifiedTable } from '../database-schema-name.js';

/** `video_job` and `step_run` in the configured schema (default `looply`). */
export class Migration20251126000000InitialSchema extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply';
    const videoJob = qualifiedTable(schema, 'video_job');
    const stepRun = qualifiedTable(schema, 'step_run');
    this.addSql(`create schema if not exists "${schema}"`);
    this.addSql(`
      create table ${videoJob} (
        "id" uuid primary key,
        "owner_id" text null,
        "idempotency_key" text null,
        "brief" jsonb not null,
        "status" text not null check ("status" in ('PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED')),
        "progress" integer not null default 0 check ("progress" between 0 and 100),
        "current_step" text null,
        "providers" jsonb not null,
        "result" jsonb null,
        "usage" jsonb not null default '{"byStep": {}, "totalCostUsd": 0}',
        "total_cost_usd" double precision not null default 0,
        "error" jsonb null,
        "metadata" jsonb not null default '{}',
        "dead_letter_queue_job_id" uuid null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "started_at" timestamptz null,
        "finished_at" timestamptz null
      )`);
    this.addSql(`create index "video_job_owner_id_created_at_index" on ${videoJob} ("owner_id", "created_at" desc)`);
    this.addSql(`create index "video_job_status_created_at_index" on ${videoJob} ("status", "created_at" desc)`);
    this.addSql(
      `create unique index "video_job_owner_idempotency_key_unique" on ${videoJob} (coalesce("owner_id", ''), "idempotency_key") where "idempotency_key" is not null`,
    );
    this.addSql(`
      create table ${stepRun} (
        "id" uuid primary key,
        "job_id" uuid not null references ${videoJob} ("id") on delete cascade,
        "step" text not null check ("step" in ('script', 'voice', 'visual', 'assembly')),
        "scene_index" integer null,
        "provider" text not null,
        "status" text not null check ("status" in ('PENDING', 'RUNNING', 'WAITING', 'COMPLETED', 'FAILED', 'CANCELLED')),
        "attempt" integer not null default 0,
        "lease_token" uuid null,
        "lease_expires_at" timestamptz null,
        "queue_job_id" uuid null,
        "input" jsonb null,
        "output" jsonb null,
        "operation" jsonb null,
        "external_id" text null,
        "usage" jsonb null,
        "error" jsonb null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "started_at" timestamptz null,
        "attempt_started_at" timestamptz null,
        "finished_at" timestamptz null
      )`);
    // One row per (job, step, scene): a hand-off that runs twice cannot create a step twice.
    this.addSql(
      `create unique index "step_run_job_step_scene_unique" on ${stepRun} ("job_id", "step", coalesce("scene_index", -1))`,
    );
    this.addSql(
      `create index "step_run_lease_index" on ${stepRun} ("lease_expires_at") where "status" in ('RUNNING', 'WAITING')`,
    );
    this.addSql(
      `create index "step_run_external_id_index" on ${stepRun} ("provider", "external_id") where "external_id" is not null`,
    );
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply';
    this.addSql(`drop table if exists ${qualifiedTable(schema, 'step_run')}`);
    this.addSql(`drop table if exists ${qualifiedTable(schema, 'video_job')}`);
  }
}
