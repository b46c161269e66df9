import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';

export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** pg-boss' `db` option: pg-boss runs its SQL through this, so its jobs join our transaction. */
export interface QueueDatabase {
  // The driver's own signature: rows are whatever the query selects.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

/** The raw `pg` client knex holds for a transaction (or lends from its pool). */
interface RawConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

export type SqlQuery = <Row = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<SqlResult<Row>>;

function queryOn(connection: RawConnection): SqlQuery {
  return async <Row>(text: string, values?: unknown[]) => {
    const result = await connection.query(text, values);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
  };
}

/** One statement outside any transaction, on a connection of the ORM's pool. */
export async function queryOnPool<Row = Record<string, unknown>>(
  orm: MikroORM,
  text: string,
  values?: unknown[],
): Promise<SqlResult<Row>> {
  const knex = orm.em.getConnection().getKnex();
  const connection = (await knex.client.acquireConnection()) as RawConnection;
  try {
    return await queryOn(connection)<Row>(text, values);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/**
 * Raw SQL and pg-boss on the very connection of the ORM transaction `em` is in, so all of it
 * commits or rolls back together. knex hands a transaction a client whose acquireConnection()
 * returns the connection the transaction was opened on (knex lib/execution/transaction.js, makeTxClient).
 */
export async function transactionSql(
  em: EntityManager,
  who: string,
): Promise<{ query: SqlQuery; queueDatabase: QueueDatabase }> {
  const knexTransaction = em.getTransactionContext<Knex.Transaction>();
  if (!knexTransaction) throw new Error(`${who}: the ORM opened no transaction context`);
  const connection = (await knexTransaction.client.acquireConnection()) as RawConnection;
  return {
    query: queryOn(connection),
    queueDatabase: { executeSql: (text, values) => connection.query(text, values) },
  };
}
