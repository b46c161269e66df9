import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { LooplyError } from '../errors/looply-error.js';
import { findFreePort } from './port-availability.js';
import { resolveDatabase } from './resolve-database.js';

async function validationMessage(environment: Record<string, string>): Promise<string> {
  try {
    await resolveDatabase(environment);
  } catch (error) {
    expect(error).to.be.instanceOf(LooplyError);
    expect((error as LooplyError).code).to.equal('validation');
    return (error as LooplyError).message;
  }
  throw new Error('expected resolveDatabase to reject');
}

describe('resolveDatabase', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'looply-resolve-database-test-'));
    await chmod(home, 0o755);
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('uses DATABASE_URL when it is set and starts nothing', async () => {
    const database = await resolveDatabase({
      DATABASE_URL: 'postgres://user:secret@db.example:5432/looply',
      LOOPLY_HOME: home,
    });
    expect(database.url).to.equal('postgres://user:secret@db.example:5432/looply');
    expect(database.embedded).to.equal(null);
    await database.stop();
    expect(existsSync(join(home, 'pg'))).to.equal(false);
  });

  it('starts the embedded Postgres in $LOOPLY_HOME/pg on LOOPLY_PG_PORT when DATABASE_URL is unset or empty', async () => {
    const port = await findFreePort();
    const database = await resolveDatabase({ DATABASE_URL: '', LOOPLY_HOME: home, LOOPLY_PG_PORT: String(port) });
    try {
      expect(database.embedded?.dataDirectory).to.equal(join(home, 'pg'));
      expect(new URL(database.url).port).to.equal(String(port));
    } finally {
      await database.stop();
    }
  });

  it('names LOOPLY_PG_PORT when it is not a port number', async () => {
    expect(await validationMessage({ LOOPLY_HOME: home, LOOPLY_PG_PORT: 'eighty' })).to.contain('LOOPLY_PG_PORT');
    expect(await validationMessage({ LOOPLY_HOME: home, LOOPLY_PG_PORT: '70000' })).to.contain('LOOPLY_PG_PORT');
  });

  it('names DATABASE_URL when it is not a Postgres URL', async () => {
    expect(await validationMessage({ DATABASE_URL: 'mysql://localhost/looply' })).to.contain('DATABASE_URL');
  });
});
