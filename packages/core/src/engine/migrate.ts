import type Logger from 'bunyan';
import PgBoss from 'pg-boss';
import { parseWith } from '../errors/validation.js';
import { z } from 'zod';
import { createOrm } from '../persistence/create-orm.js';
import {
  DEFAULT_DATABASE_SCHEMA,
  databaseSchemaNameSchema,
  queueSchemaFor,
} from '../persistence/database-schema-name.js';
import { applyMigrations } from '../persistence/run-migrations.js';
import { underStartupLock } from '../persistence/startup-lock.js';
import { createStepQueues } from '../runner/step-queues.js';
import { createQuietLogger } from './quiet-logger.js';

export interface MigrateOptions {
  databaseUrl: string;
  /** Default `looply`. */
  schema?: string;
  logger?: Logger;
}

const migrateOptionsSchema = z.strictObject({
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  schema: databaseSchemaNameSchema.default(DEFAULT_DATABASE_SCHEMA),
  logger: z
    .custom<Logger>((value) => typeof value === 'object' && value !== null, 'must be a bunyan Logger')
    .optional(),
});

/**
 * Applies the engine's migrations and installs pg-boss and our queues (what `looply migrate`
 * runs). `engine.start()` does the same, so calling this first is optional.
 */
export async function migrate(options: MigrateOptions): Promise<{ applied: string[] }> {
  const { databaseUrl, schema, logger } = parseWith(migrateOptionsSchema, options, 'migrate options');
  const log = logger ?? createQuietLogger();
  const orm = await createOrm({ databaseUrl, schema, logger: log, poolSize: 2 });
  try {
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: queueSchemaFor(schema),
      max: 2,
      schedule: false,
      supervise: false,
      migrate: true,
    });
    boss.on('error', (error) => log.warn({ err: error }, 'pg-boss reported an error'));
    const applied = await underStartupLock(databaseUrl, async () => {
      const names = await applyMigrations(orm);
      await boss.start();
      try {
        await createStepQueues(boss);
      } finally {
        await boss.stop({ graceful: false, close: true });
      }
      return names;
    });
    log.info({ applied, schema }, 'database migrated');
    return { applied };
  } finally {
    await orm.close(true);
  }
}
