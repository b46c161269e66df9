import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'chai';
import pg from 'pg';
import { LooplyError } from '../errors/looply-error.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { findFreePort } from './port-availability.js';
import { childProcessIds, isProcessAlive } from './process-status.js';

const childFixture = fileURLToPath(new URL('./__fixtures__/embedded-postgres-child.ts', import.meta.url));

async function temporaryHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'looply-embedded-postgres-test-'));
  await chmod(home, 0o755);
  return home;
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function rejection(promise: Promise<unknown>): Promise<LooplyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(LooplyError);
    return error as LooplyError;
  }
  throw new Error('expected the promise to reject');
}

/** Starts the fixture in its own process; resolves with the postmaster pid once Postgres is ready. */
async function startInChildProcess(
  home: string,
  port: number,
): Promise<{ child: ChildProcess; postmasterPid: number }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=looply-source',
      `--import=${pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href}`,
      childFixture,
      home,
      String(port),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, postmasterPid: (JSON.parse(line) as { pid: number }).pid };
}

describe('startEmbeddedPostgres', () => {
  const homes: string[] = [];
  const started: EmbeddedPostgres[] = [];
  const newHome = async () => {
    const home = await temporaryHome();
    homes.push(home);
    return home;
  };
  const start = async (home: string, port: number) => {
    const embedded = await startEmbeddedPostgres({ home, port, durable: false });
    started.push(embedded);
    return embedded;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((embedded) => embedded.stop()));
  });
  after(async () => {
    await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
  });

  it('initialises the data folder on the first start and reuses it, data included, on the next', async () => {
    const home = await newHome();
    const port = await findFreePort();
    const first = await start(home, port);
    expect(first.initialised).to.equal(true);
    expect(first.dataDirectory).to.equal(join(home, 'pg'));
    await query(first.url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
    await first.stop();

    const second = await start(home, port);
    expect(second.initialised).to.equal(false);
    expect(await query(second.url, 'SELECT value FROM kept')).to.deep.equal([{ value: 'still here' }]);
  });

  it('points the URL at the "looply" database by default, created on first start', async () => {
    const embedded = await start(await newHome(), await findFreePort());
    const [row] = await query<{ name: string }>(embedded.url, 'SELECT current_database() AS name');
    expect(row.name).to.equal('looply');
  });

  it('stops cleanly: the postmaster and every backend are gone and postmaster.pid is removed', async () => {
    const embedded = await start(await newHome(), await findFreePort());
    const client = new pg.Client({ connectionString: embedded.url });
    client.on('error', () => {});
    await client.connect();
    const backends = childProcessIds(embedded.pid);
    expect(backends).to.not.be.empty;

    await embedded.stop();

    expect(isProcessAlive(embedded.pid)).to.equal(false);
    expect(backends.filter(isProcessAlive)).to.deep.equal([]);
    expect(existsSync(join(embedded.dataDirectory, 'postmaster.pid'))).to.equal(false);
    await client.end().catch(() => {});
  });

  it('recovers from a stale postmaster.pid whose process is gone', async () => {
    const home = await newHome();
    const port = await findFreePort();
    await (await start(home, port)).stop();
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    await writeFile(
      join(home, 'pg', 'postmaster.pid'),
      `${gone.pid}\n${join(home, 'pg')}\n0\n${port}\n\n127.0.0.1\n0 0\nready\n`,
    );

    const embedded = await start(home, port);
    expect(await query(embedded.url, 'SELECT 1 AS one')).to.deep.equal([{ one: 1 }]);
  });

  it('stops the Postgres orphaned by a crashed run (owner killed with SIGKILL) and starts again', async () => {
    const home = await newHome();
    const port = await findFreePort();
    const { child, postmasterPid } = await startInChildProcess(home, port);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(isProcessAlive(postmasterPid), 'the crash leaves Postgres running').to.equal(true);

    const embedded = await start(home, port);
    expect(isProcessAlive(postmasterPid)).to.equal(false);
    expect(embedded.pid).to.not.equal(postmasterPid);
    expect(await query(embedded.url, 'SELECT 1 AS one')).to.deep.equal([{ one: 1 }]);
  });

  it('refuses a data folder in use by another live process, and that process stops Postgres on SIGTERM', async () => {
    const home = await newHome();
    const port = await findFreePort();
    const { child, postmasterPid } = await startInChildProcess(home, port);
    try {
      const error = await rejection(startEmbeddedPostgres({ home, port: await findFreePort() }));
      expect(error.code).to.equal('database-in-use');
      expect(error.message).to.contain(join(home, 'pg')).and.to.contain(`pid ${child.pid}`);
    } finally {
      child.kill('SIGTERM');
    }
    const [, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    expect(signal).to.equal('SIGTERM');
    expect(isProcessAlive(postmasterPid)).to.equal(false);
  });

  describe('when the port is taken', () => {
    let blocker: Server;
    let port: number;
    beforeEach(async () => {
      blocker = createServer();
      blocker.listen(0, '127.0.0.1');
      await once(blocker, 'listening');
      port = (blocker.address() as { port: number }).port;
    });
    afterEach(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('fails with database-port-in-use naming the port and LOOPLY_PG_PORT, before creating anything', async () => {
      const home = await newHome();
      const error = await rejection(startEmbeddedPostgres({ home, port }));
      expect(error.code).to.equal('database-port-in-use');
      expect(error.message).to.contain(`Port ${port}`).and.to.contain('LOOPLY_PG_PORT');
      expect(existsSync(join(home, 'pg'))).to.equal(false);
    });
  });

  describe('with a damaged data folder', () => {
    it('fails with database-corrupt naming the folder when it is not a Postgres data folder', async () => {
      const home = await newHome();
      await mkdir(join(home, 'pg'));
      await writeFile(join(home, 'pg', 'notes.txt'), 'not a database');
      const error = await rejection(startEmbeddedPostgres({ home, port: await findFreePort() }));
      expect(error.code).to.equal('database-corrupt');
      expect(error.message).to.contain(join(home, 'pg')).and.to.contain('Move that folder away');
    });

    it('fails with database-corrupt when the data folder is a file', async () => {
      const home = await newHome();
      await writeFile(join(home, 'pg'), 'oops');
      const error = await rejection(startEmbeddedPostgres({ home, port: await findFreePort() }));
      expect(error.code).to.equal('database-corrupt');
      expect(error.message).to.contain(join(home, 'pg'));
    });

    it('fails with database-version-mismatch when another Postgres major version made the folder', async () => {
      const home = await newHome();
      await mkdir(join(home, 'pg'));
      await writeFile(join(home, 'pg', 'PG_VERSION'), '9\n');
      const error = await rejection(startEmbeddedPostgres({ home, port: await findFreePort() }));
      expect(error.code).to.equal('database-version-mismatch');
      expect(error.message).to.contain('Postgres 9');
    });

    it('fails with database-corrupt, quoting Postgres, when the cluster cannot start (damaged control file)', async () => {
      const home = await newHome();
      const port = await findFreePort();
      await (await start(home, port)).stop();
      await writeFile(join(home, 'pg', 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));

      const error = await rejection(startEmbeddedPostgres({ home, port }));
      expect(error.code).to.equal('database-corrupt');
      expect(error.message)
        .to.contain(join(home, 'pg'))
        .and.to.contain('FATAL:  database files are incompatible with server');
    });
  });
});
