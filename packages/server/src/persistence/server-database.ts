import { Migrator } from '@mikro-orm/migrations';
import { queryOnPool, runMigrations, transactionSql, type QueueDatabase, type SqlResult } from '@looply/core';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type Logger from 'bunyan';
import { SERVER_MIGRATIONS } from './migrations/migration-list.js';
import { UserAccountEntity } from './user-account-entity.js';

export interface ServerTransaction {
  readonly em: EntityManager;
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlResult<Row>>;
  readonly queueDatabase: QueueDatabase;
}

export type ServerTableName =
  | 'user_account'
  | 'idempotency_record'
  | 'video_usage'
  | 'rate_limit_counter'
  | 'known_login_client'
  | 'callback_subscription'
  | 'callback_delivery'
  | 'inbound_webhook'
  | 'worker_heartbeat'
  | 'user_template';

export interface OpenServerDatabaseOptions {
  databaseUrl: string;
  /** Schema of the server's tables (a validated identifier). Default `looply_server`. */
  schema?: string;
  poolSize?: number;
  logger: Logger;
}

/**
 * The server's tables (users, idempotency, quotas, rate limits, callbacks, heartbeats) in their own
 * schema, through MikroORM like core: entities with `defineEntity`, migrations, raw SQL on the ORM's
 * connections for the hot paths.
 */
export class ServerDatabase {
  private constructor(
    readonly orm: MikroORM,
    readonly schema: string,
    readonly databaseUrl: string,
  ) {}

  /** Connects and applies pending migrations (under an advisory lock, so processes starting together migrate once). */
  static async open(options: OpenServerDatabaseOptions): Promise<ServerDatabase> {
    const schema = options.schema ?? 'looply_server';
    const log = options.logger.child({ component: 'server-orm' });
    const orm = await MikroORM.init({
      clientUrl: options.databaseUrl,
      schema,
      // Not 'default': MikroORM finds the current transaction by context name, and the engine's ORM
      // (called inside our transactions) must not pick up ours.
      contextName: 'looply-server',
      entities: [UserAccountEntity],
      extensions: [Migrator],
      pool: { min: 0, max: options.poolSize ?? 10 },
      allowGlobalContext: false,
      discovery: { warnWhenNoEntities: false },
      preferTs: false,
      debug: false,
      logger: (message) => log.debug(message),
      migrations: {
        migrationsList: SERVER_MIGRATIONS,
        tableName: 'mikro_orm_migrations',
        transactional: true,
        allOrNothing: true,
        snapshot: false,
        silent: true,
      },
    });
    try {
      const applied = await runMigrations(orm, options.databaseUrl);
      if (applied.length > 0) log.info({ applied, schema }, 'server migrations applied');
    } catch (error) {
      await orm.close(true);
      throw error;
    }
    return new ServerDatabase(orm, schema, options.databaseUrl);
  }

  em(): EntityManager {
    return this.orm.em.fork();
  }

  table(name: ServerTableName): string {
    return `"${this.schema}"."${name}"`;
  }

  /** pg-boss' schema for the server's queues. */
  get queueSchema(): string {
    return `${this.schema}_boss`;
  }

  /** One statement on a pooled connection. */
  async query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlResult<Row>> {
    return queryOnPool<Row>(this.orm, text, values);
  }

  /** A transaction shared by the ORM, raw SQL and pg-boss sends. */
  async transaction<T>(work: (transaction: ServerTransaction) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(async (em) => {
      const { query, queueDatabase } = await transactionSql(em, 'ServerDatabase.transaction');
      const value = await work({ em, query, queueDatabase });
      await em.flush();
      return value;
    });
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
