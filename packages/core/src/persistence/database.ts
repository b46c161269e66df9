import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type Logger from 'bunyan';
import { queryOnPool, transactionSql, type QueueDatabase, type SqlResult } from './raw-sql.js';

export type { QueueDatabase, SqlResult } from './raw-sql.js';

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
      const { query, queueDatabase } = await transactionSql(em, 'Database.transaction');
      notifications.length = 0;
      const scope: TransactionScope = {
        em,
        query,
        queueDatabase,
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
    return queryOnPool<Row>(this.orm, text, values);
  }

  table(name: 'video_job' | 'step_run'): string {
    return `"${this.schema}"."${name}"`;
  }

  async close(): Promise<void> {
    await this.orm.close(true);
  }
}
