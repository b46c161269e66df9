import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';
import type Logger from 'bunyan';

export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** The raw `pg` client knex holds for a transaction (or lends from its pool). */
interface RawConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** pg-boss' `db` option: pg-boss runs its SQL through this, so its jobs join our transaction. */
export interface QueueDatabase {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/**
 * One database transaction, shared by the ORM (`em`), our state SQL (`query`) and pg-boss
 * (`queueDatabase`): all of it commits or rolls back together. `notify` is delivered at commit.
 */
export interface TransactionScope {
  readonly em: EntityManager;
  query<Row = Record<string, unknown>>(text: string, values?: unknown[]): Promise<SqlResult<Row>>;
  readonly queueDatabase: QueueDatabase;
  /** Queues a `pg_notify`; all queued notifications are sent in one statement just before commit. */
  notify(channel: string, payload: string): void;
  /** Runs after a successful commit (in-process events, aborting local work). */
  afterCommit(callback: () => void | Promise<void>): void;
}

/** The ORM plus raw SQL on the ORM's own connections, with transactions that pg-boss can join. */
export class Database {
  /**
   * Called after each commit with the notifications it sent: this process hears its own
   * NOTIFYs at once instead of after the round trip through the LISTEN connection.
   */
  onCommittedNotification: ((channel: string, payload: string) => void) | undefined;

  constructor(
    readonly orm: MikroORM,
    readonly schema: string,
    private readonly logger: Logger,
  ) {}

  /** A fresh EntityManager for one read or one unit of work. */
  em(): EntityManager {
    return this.orm.em.fork();
  }

  async transaction<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T> {
    const afterCommit: Array<() => void | Promise<void>> = [];
    const notifications: Array<[string, string]> = [];
    const result = await this.orm.em.fork().transactional(async (em) => {
      // knex hands a transaction a client whose acquireConnection() returns the connection the
      // transaction was opened on (knex lib/execution/transaction.js, makeTxClient).
      const knexTransaction = em.getTransactionContext<Knex.Transaction>();
      if (!knexTransaction) throw new Error('Database.transaction: the ORM opened no transaction context');
      const connection = (await knexTransaction.client.acquireConnection()) as RawConnection;
      notifications.length = 0;
      const query = async <Row>(text: string, values?: unknown[]): Promise<SqlResult<Row>> => {
        const result = await connection.query(text, values);
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
      };
      const scope: TransactionScope = {
        em,
        query,
        queueDatabase: { executeSql: (text, values) => connection.query(text, values) },
        notify: (channel, payload) => notifications.push([channel, payload]),
        afterCommit: (callback) => afterCommit.push(callback),
      };
      const value = await work(scope);
      await em.flush();
      if (notifications.length > 0) {
        await query('select pg_notify(c, p) from unnest($1::text[], $2::text[]) as n(c, p)', [
          notifications.map(([channel]) => channel),
          notifications.map(([, payload]) => payload),
        ]);
      }
      return value;
    });
    const local = this.onCommittedNotification;
    if (local) for (const [channel, payload] of notifications) local(channel, payload);
    for (const callback of afterCommit) {
      try {
        await callback();
      } catch (error) {
        this.logger.error({ err: error }, 'after-commit callback failed');
      }
    }
    return result;
  }

  /** One statement outside any transaction, on a pooled connection. */
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

  table(name: 'video_job' | 'step_run'): string {
    return `"${this.schema}"."${name}"`;
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
