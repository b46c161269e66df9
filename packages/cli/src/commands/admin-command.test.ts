import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import pg from 'pg';
import { runCli } from '../cli-program.js';

describe('looply admin grant|revoke EMAIL', () => {
  let database: TestDatabase;
  let workspace: string;
  before(async () => {
    database = await createTestDatabase();
    workspace = await mkdtemp(join(tmpdir(), 'looply-admin-test-'));
  });
  after(async () => {
    await database.drop();
    await rm(workspace, { recursive: true, force: true });
  });

  async function run(...args: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exitCode = await runCli(['node', 'looply', 'admin', ...args], {
      stdout,
      stderr,
      environment: { DATABASE_URL: database.url, LOOPLY_HOME: join(workspace, 'home') },
      cwd: workspace,
    });
    return { exitCode, stdout: out, stderr: err };
  }

  async function roleOf(email: string): Promise<string | undefined> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ role: string }>(
        'select role from looply_server.user_account where email = $1',
        [email],
      );
      return rows[0]?.role;
    } finally {
      await client.end();
    }
  }

  it('an unknown email exits 1 and says the user must sign up first (nobody becomes admin implicitly)', async () => {
    const result = await run('grant', 'nobody@example.com');
    expect(result.exitCode).to.equal(1);
    expect(result.stderr).to.contain('no user has the email nobody@example.com; they must sign up first');
  });

  it('grants and revokes the role of a registered user (email normalised)', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `insert into looply_server.user_account (id, email, password_hash, callback_secret) values (gen_random_uuid(), 'ada@example.com', 'x', 'whsec_x')`,
    );
    await client.end();
    expect(await roleOf('ada@example.com')).to.equal('user');
    const granted = await run('grant', ' Ada@Example.com ');
    expect(granted.exitCode, granted.stderr).to.equal(0);
    expect(granted.stdout).to.equal('ada@example.com is now an admin\n');
    expect(await roleOf('ada@example.com')).to.equal('admin');
    const revoked = await run('revoke', 'ada@example.com');
    expect(revoked.exitCode).to.equal(0);
    expect(await roleOf('ada@example.com')).to.equal('user');
  });

  it('a malformed email exits 2 with one line', async () => {
    const result = await run('grant', 'not-an-email');
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.equal('looply admin grant: EMAIL must be an email address, got "not-an-email"\n');
  });
});
