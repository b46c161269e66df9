import type Logger from 'bunyan';
import { resolveDatabase, type ResolvedDatabase } from '@looply/core';
import type { CliConfig } from '../config/cli-config.js';
import { injectableWith } from './injectable-with.js';
import { TOKENS } from './tokens.js';

/** The command's Postgres: `DATABASE_URL`, or the embedded one in `$LOOPLY_HOME/pg`, started on first use. */
export class DatabaseConnection {
  private resolved: Promise<ResolvedDatabase> | undefined;

  constructor(
    private readonly settings: CliConfig,
    private readonly logger: Logger,
  ) {}

  /** The connection URL; starts the embedded Postgres the first time when there is no `DATABASE_URL`. */
  async url(): Promise<string> {
    this.resolved ??= resolveDatabase(
      {
        DATABASE_URL: this.settings.databaseUrl,
        LOOPLY_HOME: this.settings.home,
        LOOPLY_PG_PORT: String(this.settings.postgresPort),
      },
      { logger: this.logger },
    );
    return (await this.resolved).url;
  }

  /** Stops the embedded Postgres if this connection started it. */
  async stop(): Promise<void> {
    const resolved = this.resolved;
    this.resolved = undefined;
    if (resolved) await (await resolved.catch(() => undefined))?.stop();
  }
}

injectableWith(DatabaseConnection, [TOKENS.Settings, TOKENS.Logger]);
