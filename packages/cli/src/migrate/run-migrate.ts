import type Logger from 'bunyan';
import type { DependencyContainer } from 'tsyringe';
import { migrate } from '@looply/core';
import { closeCommandScope } from '../composition/composition-root.js';
import type { DatabaseConnection } from '../composition/database-connection.js';
import { TOKENS } from '../composition/tokens.js';
import { EXIT_CODES } from '../exit-codes.js';
import type { OutputStream } from '../output-stream.js';

/** `looply migrate`: applies pending migrations to the database (embedded unless DATABASE_URL) and exits. */
export async function runMigrate(
  scope: DependencyContainer,
  context: { stdout: OutputStream; stderr: OutputStream },
): Promise<number> {
  const logger = scope.resolve<Logger>(TOKENS.Logger);
  const database = scope.resolve<DatabaseConnection>(TOKENS.Database);
  try {
    const { applied } = await migrate({ databaseUrl: await database.url(), logger });
    context.stdout.write(
      applied.length
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : 'The database is up to date\n',
    );
    return EXIT_CODES.success;
  } finally {
    await closeCommandScope(scope);
  }
}
