import { migrate, resolveDatabase } from '@looply/core';
import type { CliConfig } from '../config/cli-config.js';
import { EXIT_CODES } from '../exit-codes.js';
import { createCliLogger } from '../logging/create-cli-logger.js';
import type { OutputStream } from '../output-stream.js';

/** `looply migrate`: applies pending migrations to the database (embedded unless DATABASE_URL) and exits. */
export async function runMigrate(config: CliConfig, context: { stdout: OutputStream; stderr: OutputStream }): Promise<number> {
  const logger = createCliLogger({ home: config.home, level: config.logLevel, stderr: context.stderr });
  const database = await resolveDatabase(
    { DATABASE_URL: config.databaseUrl, LOOPLY_HOME: config.home, LOOPLY_PG_PORT: String(config.postgresPort) },
    { logger },
  );
  try {
    const { applied } = await migrate({ databaseUrl: database.url, logger });
    context.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date\n');
    return EXIT_CODES.success;
  } finally {
    await database.stop();
  }
}
