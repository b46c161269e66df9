import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { ARTIFACT_URL_SECRET_FILE, resolveArtifactUrlSecret } from './artifact-url-secret.js';

describe('resolveArtifactUrlSecret (the key of signed artifact URLs)', () => {
  let home: string;

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'looply-artifact-secret-'));
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  it('uses LOOPLY_ARTIFACT_URL_SECRET when set, writing nothing', async () => {
    const secret = await resolveArtifactUrlSecret({ configured: 'a'.repeat(40), home });
    expect(secret.toString('utf8')).to.equal('a'.repeat(40));
    const written = await stat(join(home, ARTIFACT_URL_SECRET_FILE)).then(
      () => true,
      () => false,
    );
    expect(written).to.equal(false);
  });

  it('refuses a configured secret under 32 bytes, naming the variable without echoing the value', async () => {
    const error = await resolveArtifactUrlSecret({ configured: 'short-secret', home }).catch(
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).variable).to.equal('LOOPLY_ARTIFACT_URL_SECRET');
    expect((error as ConfigError).message)
      .to.include('12 bytes')
      .and.not.include('short-secret');
  });

  it('generates a secret once in $LOOPLY_HOME (mode 0600) and returns the same one to every later process', async () => {
    const [first, concurrent] = await Promise.all([
      resolveArtifactUrlSecret({ configured: undefined, home }),
      resolveArtifactUrlSecret({ configured: '', home }),
    ]);
    expect(first.length).to.be.at.least(32);
    expect(concurrent.equals(first), 'two processes starting together share one secret').to.equal(true);
    const later = await resolveArtifactUrlSecret({ configured: undefined, home });
    expect(later.equals(first)).to.equal(true);
    const file = join(home, ARTIFACT_URL_SECRET_FILE);
    expect((await readFile(file, 'utf8')).trim()).to.equal(first.toString('utf8'));
    expect((await stat(file)).mode & 0o777).to.equal(0o600);
  });

  it('refuses a stored secret that was truncated, naming the file', async () => {
    await writeFile(join(home, ARTIFACT_URL_SECRET_FILE), 'tiny\n');
    const error = await resolveArtifactUrlSecret({ configured: undefined, home }).catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).message).to.include(ARTIFACT_URL_SECRET_FILE);
  });
});
