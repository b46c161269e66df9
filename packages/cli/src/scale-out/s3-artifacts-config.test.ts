import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3rver, type RunningS3rver } from '@looply/storage-s3/testing';
import { runCliProcess } from '../__fixtures__/run-cli-process.js';
import { loadConfig } from '../config/cli-config.js';

describe('LOOPLY_ARTIFACTS', function () {
  this.timeout(180_000);
  let home: string;
  let s3: RunningS3rver;

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'looply-s3-config-'));
    s3 = await startS3rver({ buckets: ['looply'] });
  });
  after(async () => {
    await s3?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('defaults to the artifacts folder of LOOPLY_HOME and reads file: folders relative to the working folder', async () => {
    expect((await loadConfig({ LOOPLY_HOME: home }, '/')).artifacts).to.deep.equal({
      kind: 'file',
      root: join(home, 'artifacts'),
    });
    expect((await loadConfig({ LOOPLY_ARTIFACTS: 'file:./shared' }, '/srv')).artifacts).to.deep.equal({
      kind: 'file',
      root: '/srv/shared',
    });
  });

  it('reads s3://bucket/prefix with the AWS variables, and refuses anything else naming the variable', async () => {
    const config = await loadConfig(
      {
        LOOPLY_ARTIFACTS: 's3://looply/videos',
        AWS_ENDPOINT_URL: s3.endpoint,
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
      },
      '/',
    );
    expect(config.artifacts).to.deep.include({ kind: 's3', location: 's3://looply/videos' });
    let error: unknown;
    await loadConfig({ LOOPLY_ARTIFACTS: 'gs://bucket' }, '/').catch((caught: unknown) => (error = caught));
    expect(error).to.have.property('variable', 'LOOPLY_ARTIFACTS');
  });

  const workerWith = (extra: Record<string, string>) =>
    runCliProcess(['worker'], {
      cwd: home,
      environment: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOOPLY_HOME: home,
        LOG_LEVEL: 'warn',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...extra,
      },
      timeoutMs: 120_000,
    });

  it('`looply worker` exits 2 at start naming a missing bucket, rejected credentials or an unreachable endpoint', async () => {
    const good = { AWS_ENDPOINT_URL: s3.endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };
    const [missing, rejected, unreachable] = await Promise.all([
      workerWith({ ...good, LOOPLY_ARTIFACTS: 's3://no-such-bucket/looply' }),
      workerWith({ ...good, LOOPLY_ARTIFACTS: 's3://looply', AWS_ACCESS_KEY_ID: 'NOT-A-KEY' }),
      workerWith({ ...good, LOOPLY_ARTIFACTS: 's3://looply', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' }),
    ]);
    expect(missing.exitCode, missing.stderr).to.equal(2);
    expect(missing.stderr).to.contain('S3 bucket "no-such-bucket" does not exist');
    expect(rejected.exitCode, rejected.stderr).to.equal(2);
    expect(rejected.stderr).to.contain('credentials were rejected').and.not.contain('S3RVER');
    expect(unreachable.exitCode, unreachable.stderr).to.equal(2);
    expect(unreachable.stderr).to.contain('http://127.0.0.1:9 is unreachable');
  });
});
