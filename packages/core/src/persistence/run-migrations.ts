import type { MikroORM } from '@mikro-orm/postgresql';
import { underStartupLock } from './startup-lock.js';

/**
 * Applies pending migrations. Run it under `underStartupLock` together with anything else that
 * creates tables at start (pg-boss), so engines starting together migrate once and the others wait.
 */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

/** `applyMigrations` under the startup lock, for callers with nothing else to install. */
export async function runMigrations(orm: MikroORM, databaseUrl: string): Promise<string[]> {
  return underStartupLock(databaseUrl, () => applyMigrations(orm));
}
