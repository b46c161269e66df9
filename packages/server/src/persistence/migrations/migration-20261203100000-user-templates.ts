import { Migration } from '@mikro-orm/migrations';

function table(schema: string, name: string): string {
  return `"${schema}"."${name}"`;
}

/** Users' own video templates: one name per user, the template as JSON (validated by the template schema on the way in). */
export class Migration20261203100000UserTemplates extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    this.addSql(`
      create table ${table(schema, 'user_template')} (
        "id" uuid primary key,
        "owner_id" uuid not null references ${table(schema, 'user_account')} ("id") on delete cascade,
        "name" text not null,
        "template" jsonb not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        unique ("owner_id", "name")
      )`);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    this.addSql(`drop table if exists ${table(schema, 'user_template')}`);
  }
}
