import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import pg from 'pg';
import { runCli } from '../cli-program.js';

describe('looply migrate', () => {
  let database: TestDatabase;
  let workspace: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    workspace = await mkdtemp(join(tmpdir(), 'looply-migrate-test-'));
  });
  afterEach(async () => {
    await database.drop();
    await rm(workspace, { recursive: true, force: true });
  });

  async function migrate() {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exitCode = await runCli(['node', 'looply', 'migrate'], {
      stdout,
      stderr: new PassThrough(),
      environment: { DATABASE_URL: database.url, LOOPLY_HOME: join(workspace, 'home') },
      cwd: workspace,
    });
    return { exitCode, stdout: out };
  }

  it('creates the engine tables, then reports that the database is up to date', async () => {
    const first = await migrate();
    expect(first.exitCode).to.equal(0);
    expect(first.stdout).to.match(/^Applied \d+ migration\(s\): /);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'looply' ORDER BY table_name",
      );
      expect(rows.map((row) => row.table_name)).to.include.members(['step_run', 'video_job']);
    } finally {
      await client.end();
    }

    const second = await migrate();
    expect(second).to.deep.equal({ exitCode: 0, stdout: 'The database is up to date\n' });
  });
});
