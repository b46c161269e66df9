import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from '../__fixtures__/run-cli-process.js';

describe('looply serve: refusing bad settings before anything starts', () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'looply-serve-usage-'));
  });
  after(async () => {
    await rm(home, { recursive: true, force: true });
  });

  const environment = (extra: Record<string, string>) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LOOPLY_HOME: home,
    ...extra,
  });

  it('exits 2 naming --port when it is not a port number', async () => {
    const result = await runCliProcess(['serve', '--port', 'eighty'], { cwd: home, environment: environment({}) });
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.contain('--port must be a whole number from 0 to 65535');
  });

  it('exits 2 in production without a JWT_SECRET, and with one under 32 bytes (never echoing it)', async () => {
    const missing = await runCliProcess(['serve'], { cwd: home, environment: environment({ NODE_ENV: 'production' }) });
    expect(missing.exitCode).to.equal(2);
    expect(missing.stderr).to.contain('JWT_SECRET must be set in production');
    const short = await runCliProcess(['serve'], {
      cwd: home,
      environment: environment({ NODE_ENV: 'production', JWT_SECRET: 'too-short-secret' }),
    });
    expect(short.exitCode).to.equal(2);
    expect(short.stderr).to.contain('at least 32 are required');
    expect(short.stderr).not.to.contain('too-short-secret');
  });

  it('exits 2 naming a bad quota variable', async () => {
    const result = await runCliProcess(['serve'], {
      cwd: home,
      environment: environment({ LOOPLY_QUOTA_CONCURRENT_JOBS: 'many' }),
    });
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.contain('LOOPLY_QUOTA_CONCURRENT_JOBS');
  });

  it('exits 2 naming LOOPLY_ARTIFACT_URL_SECRET when it is under 32 bytes (never echoing it)', async () => {
    const result = await runCliProcess(['serve'], {
      cwd: home,
      environment: environment({ LOOPLY_ARTIFACT_URL_SECRET: 'short-artifact-key' }),
    });
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.contain('LOOPLY_ARTIFACT_URL_SECRET').and.contain('at least 32 are required');
    expect(result.stderr).not.to.contain('short-artifact-key');
  });
});
