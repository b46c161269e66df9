import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';

/**
 * Applies pending migrations under a session advisory lock, so engines starting together
 * against one database migrate once and the others wait.
 */
export async function runMigrations(orm: MikroORM, databaseUrl: string, schema: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: databaseUrl, application_name: 'looply-migrate' });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock(hashtext($1))', [`looply-migrate:${schema}`]);
    try {
      const applied = await orm.getMigrator().up();
      return applied.map((migration) => migration.name);
    } finally {
      await lockClient.query('select pg_advisory_unlock(hashtext($1))', [`looply-migrate:${schema}`]);
    }
  } finally {
    await lockClient.end();
  }
}
