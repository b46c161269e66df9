import { Migration } from '@mikro-orm/migrations';
import { qualifiedTable } from '../database-schema-name.js';

/** `step_run.worker_id`: which worker (`host:pid`) claimed a step's current attempt. */
export class Migration20261203140000StepRunWorkerId extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply';
    this.addSql(`alter table ${qualifiedTable(schema, 'step_run')} add column if not exists "worker_id" text null`);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply';
    this.addSql(`alter table ${qualifiedTable(schema, 'step_run')} drop column if exists "worker_id"`);
  }
}
