import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import pg from 'pg';
import { SOURCE_NODE_ARGUMENTS } from '../__fixtures__/node-arguments.js';

const fixture = fileURLToPath(new URL('../__fixtures__/generate-with-slow-voice.ts', import.meta.url));

describe('looply generate interrupted with Ctrl-C (real process)', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let workspace: string;

  beforeEach(async () => {
    database = await createTestDatabase();
    workspace = await mkdtemp(join(tmpdir(), 'looply-interrupt-test-'));
  });
  afterEach(async () => {
    await database.drop();
    await rm(workspace, { recursive: true, force: true });
  });

  it('cancels the running job, records it as CANCELLED, writes no video and exits with 130', async () => {
    const child = spawn(process.execPath, [...SOURCE_NODE_ARGUMENTS, fixture, workspace], {
      env: { PATH: process.env.PATH, DATABASE_URL: database.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let interrupted = false;
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderr += line + '\n';
      // Not a terminal: one line per step. The voice step takes a minute; interrupt it.
      if (!interrupted && line.includes('voice (mock)')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const exitCode = await new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));

    expect(interrupted, stderr).to.equal(true);
    expect(exitCode, stderr).to.equal(130);
    expect(existsSync(join(workspace, 'video.mp4'))).to.equal(false);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string }>('SELECT status FROM looply.video_job');
      expect(rows).to.deep.equal([{ status: 'CANCELLED' }]);
    } finally {
      await client.end();
    }
  });
});
