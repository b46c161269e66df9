import { expect } from 'chai';
import pg from 'pg';
import { createTestDatabase, startTestPostgres } from './test-database.js';

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('exports the admin URL of the test Postgres to process.env for child processes', async () => {
    const adminUrl = await startTestPostgres();
    expect(process.env.TEST_DATABASE_URL).to.equal(adminUrl);
  });

  it('returns a fresh empty database with a unique name each time', async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    try {
      expect(first.url).to.not.equal(second.url);
      await query(first.url, 'CREATE TABLE marker (id int)');
      const tables = await query<{ table_name: string }>(
        second.url,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables).to.deep.equal([]);
    } finally {
      await first.drop();
      await second.drop();
    }
  });

  it('drops the database even while a connection to it is still open', async () => {
    const database = await createTestDatabase();
    const name = new URL(database.url).pathname.slice(1);
    const leaked = new pg.Client({ connectionString: database.url });
    leaked.on('error', () => {});
    await leaked.connect();
    await database.drop();
    const remaining = await query(
      process.env.TEST_DATABASE_URL as string,
      `SELECT 1 FROM pg_database WHERE datname = '${name}'`,
    );
    expect(remaining).to.have.length(0);
    await leaked.end().catch(() => {});
  });
});
