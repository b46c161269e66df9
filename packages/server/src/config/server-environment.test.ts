import { expect } from 'chai';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveJwtSecret } from './jwt-secret.js';
import { ServerConfigError } from './server-config-error.js';
import { loadServerEnvironment } from './server-environment.js';

describe('server configuration', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'looply-server-config-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  async function failure(promise: Promise<unknown>): Promise<ServerConfigError> {
    const error = await promise.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).to.be.instanceOf(ServerConfigError);
    return error as ServerConfigError;
  }

  describe('JWT secret', () => {
    it('uses JWT_SECRET as a KeyObject when it has at least 32 bytes', async () => {
      const { key, source } = await resolveJwtSecret({ configured: 'k'.repeat(32), home, production: true });
      expect(source).to.equal('environment');
      expect(key.type).to.equal('secret');
      expect(key.symmetricKeySize).to.equal(32);
    });

    it('refuses a JWT_SECRET under 32 bytes, in production or not, without echoing it', async () => {
      for (const production of [true, false]) {
        const error = await failure(resolveJwtSecret({ configured: 'short-secret', home, production }));
        expect(error.variable).to.equal('JWT_SECRET');
        expect(error.message).to.contain('12 bytes');
        expect(error.message).not.to.contain('short-secret');
      }
    });

    it('refuses to start in production without JWT_SECRET', async () => {
      const error = await failure(resolveJwtSecret({ configured: undefined, home, production: true }));
      expect(error.message).to.contain('production');
    });

    it('outside production generates a secret once, keeps it in $LOOPLY_HOME (0600) and reuses it', async () => {
      const first = await resolveJwtSecret({ configured: '', home, production: false });
      expect(first.source).to.equal('generated');
      const file = join(home, 'jwt-secret');
      expect((await stat(file)).mode & 0o777).to.equal(0o600);
      expect((await readFile(file, 'utf8')).trim().length).to.be.at.least(32);
      const second = await resolveJwtSecret({ configured: undefined, home, production: false });
      expect(second.source).to.equal('file');
      expect(second.key.export().equals(first.key.export())).to.equal(true);
    });

    it('refuses a kept secret file that is too short', async () => {
      await writeFile(join(home, 'jwt-secret'), 'tiny\n');
      await failure(resolveJwtSecret({ configured: undefined, home, production: false }));
    });
  });

  describe('loadServerEnvironment', () => {
    it('applies defaults: port 3000, PUBLIC_BASE_URL from the port, 7-day tokens', async () => {
      const loaded = await loadServerEnvironment({}, { home });
      expect(loaded.port).to.equal(3000);
      expect(loaded.settings.publicBaseUrl).to.equal('http://localhost:3000');
      expect(loaded.settings.jwt.lifetimeSeconds).to.equal(604_800);
      expect(loaded.settings.quotas).to.deep.equal({ concurrentJobs: 3, videosPerDay: 50, secondsPerDay: 1800 });
      expect(loaded.jwtSecretSource).to.equal('generated');
    });

    it('reads quotas, limits, the callback allow-list and the port override', async () => {
      const loaded = await loadServerEnvironment(
        {
          PORT: '8080',
          LOOPLY_QUOTA_CONCURRENT_JOBS: '7',
          LOOPLY_QUOTA_VIDEOS_PER_DAY: '9',
          LOOPLY_QUOTA_SECONDS_PER_DAY: '600',
          LOOPLY_RATE_LIMIT_PER_MINUTE: '1200',
          LOOPLY_CALLBACK_ALLOWLIST: '127.0.0.1/32, hooks.internal',
          JWT_LIFETIME_SECONDS: '900',
          JWT_SECRET: 's'.repeat(40),
        },
        { home, port: 9090 },
      );
      expect(loaded.port).to.equal(9090);
      expect(loaded.settings.publicBaseUrl).to.equal('http://localhost:9090');
      expect(loaded.settings.quotas).to.deep.equal({ concurrentJobs: 7, videosPerDay: 9, secondsPerDay: 600 });
      expect(loaded.settings.rateLimits.limit).to.equal(1200);
      expect(loaded.settings.callbacks.allowlist).to.deep.equal(['127.0.0.1/32', 'hooks.internal']);
      expect(loaded.settings.jwt.lifetimeSeconds).to.equal(900);
    });

    it('names the bad variable', async () => {
      const error = await failure(loadServerEnvironment({ LOOPLY_QUOTA_VIDEOS_PER_DAY: 'lots' }, { home }));
      expect(error.variable).to.equal('LOOPLY_QUOTA_VIDEOS_PER_DAY');
      expect(error.message).to.contain('LOOPLY_QUOTA_VIDEOS_PER_DAY="lots"');
    });
  });
});
