import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { startBackgroundCli, type BackgroundCliProcess } from '../__fixtures__/background-cli-process.js';

describe('starting several looply processes at once on a fresh database', function () {
  this.timeout(300_000);
  let database: TestDatabase;
  const homes: string[] = [];
  const processes: BackgroundCliProcess[] = [];

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await Promise.all(processes.map((each) => each.stop()));
    await database?.drop();
    await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
  });

  it('migrates once: `serve --no-worker` and three `worker` processes all start (none dies with a deadlock)', async () => {
    const start = async (args: string[]): Promise<BackgroundCliProcess> => {
      const home = await mkdtemp(join(tmpdir(), 'looply-concurrent-start-'));
      homes.push(home);
      const environment = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOOPLY_HOME: home,
        DATABASE_URL: database.url,
        NODE_ENV: 'production',
        JWT_SECRET: 'a-test-jwt-secret-that-is-long-enough-000',
        LOOPLY_ARTIFACT_URL_SECRET: 'a-test-artifact-secret-long-enough-00000',
        LOG_LEVEL: 'warn',
      };
      const started = startBackgroundCli(args, environment, home);
      processes.push(started);
      return started;
    };
    const all = await Promise.all([
      start(['serve', '--no-worker', '--port', '0']),
      start(['worker', '--concurrency', '1']),
      start(['worker', '--concurrency', '1']),
      start(['worker', '--concurrency', '1']),
    ]);
    await Promise.all([
      all[0].waitForOutput('Looply API listening'),
      ...all.slice(1).map((each) => each.waitForOutput('Looply worker running')),
    ]);
    const codes = await Promise.all(all.map((each) => each.stop()));
    expect(codes, all.map((each) => each.stderr).join('\n---\n')).to.deep.equal([0, 0, 0, 0]);
    for (const each of all) expect(each.stderr).not.to.contain('deadlock');
  });
});
