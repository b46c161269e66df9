import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, type EntityManager, type Knex } from '@mikro-orm/postgresql';
import type Logger from 'bunyan';
import pg from 'pg';
import { SERVER_MIGRATIONS } from './migrations/migration-list.js';
import { UserAccountEntity } from './user-account-entity.js';

export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

interface RawConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** pg-boss' `db` option, so a queued job commits with our transaction. */
export interface QueueDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

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
  | 'callback_subscription'
  | 'callback_delivery'
  | 'inbound_webhook'
  | 'worker_heartbeat';

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
      const applied = await migrateLocked(orm, options.databaseUrl, schema);
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
    const knex = this.orm.em.getConnection().getKnex();
    const connection = (await knex.client.acquireConnection()) as RawConnection;
    try {
      const result = await connection.query(text, values);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    } finally {
      await knex.client.releaseConnection(connection);
    }
  }

  /** A transaction shared by the ORM, raw SQL and pg-boss sends. */
  async transaction<T>(work: (transaction: ServerTransaction) => Promise<T>): Promise<T> {
    return this.orm.em.fork().transactional(async (em) => {
      const knexTransaction = em.getTransactionContext<Knex.Transaction>();
      if (!knexTransaction) throw new Error('ServerDatabase.transaction: the ORM opened no transaction context');
      const connection = (await knexTransaction.client.acquireConnection()) as RawConnection;
      const query = async <Row>(text: string, values?: unknown[]): Promise<SqlResult<Row>> => {
        const result = await connection.query(text, values);
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
      };
      const value = await work({ em, query, queueDatabase: { executeSql: (text, values) => connection.query(text, values) } });
      await em.flush();
      return value;
    });
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}

async function migrateLocked(orm: MikroORM, databaseUrl: string, schema: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: databaseUrl, application_name: 'looply-server-migrate' });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock(hashtext($1))', [`looply-server-migrate:${schema}`]);
    try {
      const applied = await orm.getMigrator().up();
      return applied.map((migration) => migration.name);
    } finally {
      await lockClient.query('select pg_advisory_unlock(hashtext($1))', [`looply-server-migrate:${schema}`]);
    }
  } finally {
    await lockClient.end();
  }
}
