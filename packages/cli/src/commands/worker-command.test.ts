import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { runCliProcess } from '../__fixtures__/run-cli-process.js';

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

async function heartbeats(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>('select count(*) from looply_server.worker_heartbeat');
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}

describe('looply worker', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let home: string;

  before(async () => {
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-worker-'));
  });
  after(async () => {
    await database?.drop();
    await rm(home, { recursive: true, force: true });
  });

  it('exits 2 naming --concurrency when it is not a positive whole number', async () => {
    const result = await runCliProcess(['worker', '--concurrency', '0'], {
      cwd: home,
      environment: { PATH: process.env.PATH, LOOPLY_HOME: home },
    });
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.contain('--concurrency must be a whole number from 1 to 256');
  });

  it('runs workers with a heartbeat (no JWT secret needed), and on SIGTERM stops, removes it and exits 0', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=looply-source', '--import=tsx', BIN, 'worker', '--concurrency', '2'],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          LOOPLY_HOME: home,
          DATABASE_URL: database.url,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start message; stderr:\n${stderr}`)), 120_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('Looply worker running (concurrency 2)')) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then((code) => reject(new Error(`exited ${code}; stderr:\n${stderr}`)));
    });
    expect(await heartbeats(database.url)).to.equal(1);
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
    ]);
    expect(code, stderr).to.equal(0);
    expect(stderr).to.contain('SIGTERM received, shutting down');
    expect(await heartbeats(database.url)).to.equal(0);
  });
});
