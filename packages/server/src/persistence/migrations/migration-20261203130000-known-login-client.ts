import { Migration } from '@mikro-orm/migrations';

/** Client addresses that logged in to an account, so a per-account lock can let them through (decision 0010). */
export class Migration20261203130000KnownLoginClient extends Migration {
  override async up(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    this.addSql(`
      create table "${schema}"."known_login_client" (
        "user_id" uuid not null references "${schema}"."user_account" ("id") on delete cascade,
        "client" text not null,
        "last_seen_at" timestamptz not null default now(),
        primary key ("user_id", "client")
      )`);
  }

  override async down(): Promise<void> {
    const schema = this.config.get('schema') ?? 'looply_server';
    this.addSql(`drop table if exists "${schema}"."known_login_client"`);
  }
}
