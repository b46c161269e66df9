import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config/cli-config.js';
import { EXIT_CODES } from '../exit-codes.js';
import { createCliLogger } from '../logging/create-cli-logger.js';
import { UsageError } from '../usage-error.js';
import { exitCodeAction, type ServerProcessContext } from './server-process.js';

const emailSchema = z.string().trim().toLowerCase().pipe(z.email());
const schemaNameSchema = z.string().regex(/^[a-z_][a-z0-9_]{0,39}$/);

/**
 * Registers `looply admin grant EMAIL` and `looply admin revoke EMAIL`: the operator role (the studio's
 * console and `/api/v1/admin`) is only ever given this way or by LOOPLY_ADMIN_EMAILS, never to whoever
 * registers first. The user must have signed up.
 */
export function addAdminCommand(
  program: Command,
  context: ServerProcessContext,
  setExitCode: (code: number) => void,
): void {
  const admin = program.command('admin').description('manage operators of the server (role admin)');
  for (const [name, role, description] of [
    ['grant', 'admin', 'make an existing user an operator'],
    ['revoke', 'user', 'take the operator role back'],
  ] as const) {
    admin
      .command(`${name} <email>`)
      .description(description)
      .action((email: string) =>
        exitCodeAction(setExitCode, () => setRole(email, role, context), context, `admin ${name}`),
      );
  }
}

async function setRole(email: string, role: 'admin' | 'user', context: ServerProcessContext): Promise<number> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new UsageError('EMAIL', `EMAIL must be an email address, got "${email}"`);
  const schema = context.environment.LOOPLY_SERVER_SCHEMA?.trim() || undefined;
  if (schema !== undefined && !schemaNameSchema.safeParse(schema).success) {
    throw new UsageError(
      'LOOPLY_SERVER_SCHEMA',
      `LOOPLY_SERVER_SCHEMA must be a lower-case Postgres identifier, got "${schema}"`,
    );
  }
  const config = await loadConfig(context.environment, context.cwd);
  const { resolveDatabase } = await import('@looply/core');
  const { setUserRole } = await import('@looply/server');
  const logger = createCliLogger({ home: config.home, level: config.logLevel, stderr: context.stderr });
  const database = await resolveDatabase(
    { DATABASE_URL: config.databaseUrl, LOOPLY_HOME: config.home, LOOPLY_PG_PORT: String(config.postgresPort) },
    { logger },
  );
  try {
    const found = await setUserRole({ databaseUrl: database.url, schema, email: parsed.data, role, logger });
    if (!found) {
      context.stderr.write(`looply admin: no user has the email ${parsed.data}; they must sign up first\n`);
      return EXIT_CODES.failure;
    }
    context.stdout.write(
      role === 'admin' ? `${parsed.data} is now an admin\n` : `${parsed.data} is no longer an admin\n`,
    );
    return EXIT_CODES.success;
  } finally {
    await database.stop();
  }
}
