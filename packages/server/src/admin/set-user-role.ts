import type Logger from 'bunyan';
import { normalizeEmail } from '../auth/normalize-email.js';
import { revocationChannel } from '../auth/token-version-cache.js';
import { UserStore } from '../auth/user-store.js';
import { ServerDatabase } from '../persistence/server-database.js';
import type { UserRole } from '../persistence/user-account-entity.js';

/**
 * Grants or takes back the operator role by email (`looply admin grant|revoke EMAIL`), on the server's
 * tables (migrated first). Running servers drop the user from their token cache at once (NOTIFY).
 * Resolves false when no user has this email.
 */
export async function setUserRole(options: {
  databaseUrl: string;
  schema?: string;
  email: string;
  role: UserRole;
  logger: Logger;
}): Promise<boolean> {
  const database = await ServerDatabase.open({
    databaseUrl: options.databaseUrl,
    schema: options.schema,
    logger: options.logger,
    poolSize: 2,
  });
  try {
    const users = new UserStore(database, revocationChannel(database.schema));
    return (await users.setRole(normalizeEmail(options.email), options.role)) !== null;
  } finally {
    await database.close();
  }
}
