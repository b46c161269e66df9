import { resolve } from 'node:path';
import { z } from 'zod';
import { parseWith } from '../errors/validation.js';
import type { EmbeddedPostgresLogger } from './embedded-postgres-logger.js';
import { DEFAULT_EMBEDDED_POSTGRES_PORT, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

const unsetWhenEmpty = (value: unknown) => (value === '' ? undefined : value);

/** The variables that choose the database. Unknown variables are ignored (it is the whole environment). */
export const databaseEnvironmentSchema = z.object({
  DATABASE_URL: z.preprocess(
    unsetWhenEmpty,
    z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' }).optional(),
  ),
  LOOPLY_HOME: z.preprocess(unsetWhenEmpty, z.string().default('./.looply')),
  LOOPLY_PG_PORT: z.preprocess(
    unsetWhenEmpty,
    z.coerce
      .number({ message: 'must be a port number' })
      .int('must be a port number')
      .min(1)
      .max(65_535)
      .default(DEFAULT_EMBEDDED_POSTGRES_PORT),
  ),
});

export type DatabaseEnvironment = z.input<typeof databaseEnvironmentSchema>;

export interface ResolvedDatabase {
  url: string;
  /** The embedded server when one was started, null when `DATABASE_URL` was used. */
  embedded: EmbeddedPostgres | null;
  /** Stops the embedded server (a no-op for `DATABASE_URL`). */
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise the embedded Postgres in `$LOOPLY_HOME/pg` on `LOOPLY_PG_PORT`
 * (default 54329), started now. A bad value throws a `LooplyError('validation')` naming the variable.
 */
export async function resolveDatabase(
  environment: Record<string, string | undefined> = process.env,
  options: { logger?: EmbeddedPostgresLogger } = {},
): Promise<ResolvedDatabase> {
  const settings = parseWith(databaseEnvironmentSchema, environment, 'environment');
  if (settings.DATABASE_URL) {
    return { url: settings.DATABASE_URL, embedded: null, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    home: resolve(settings.LOOPLY_HOME),
    port: settings.LOOPLY_PG_PORT,
    logger: options.logger,
  });
  return { url: embedded.url, embedded, stop: embedded.stop };
}
