import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { expect } from 'chai';
import { copyTemplate, NPM_INSTALL, packWorkspace, REPOSITORY, run, runOrFail } from './__fixtures__/packed-install.js';

async function installApp(app: string, tarballs: string[]): Promise<string> {
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'my-videos', private: true, type: 'module' }));
  await runOrFail('npm', [...NPM_INSTALL, ...tarballs], app);
  return app;
}

interface FakeAcme {
  url: string;
  requests: { path: string; headers: Record<string, unknown> }[];
  close(): Promise<void>;
}

// What a third party does: install the published packages (here: tarballs from `pnpm pack`) with npm in a
// folder outside this workspace, build and test the provider template there, then select it in `looply`.
describe('the provider template, from packed tarballs outside the workspace', function () {
  this.timeout(240_000);
  let folder: string;
  let tarballs: string[];
  let database: TestDatabase;
  /** The user's project with the packed CLI installed, started while the template is built and tested. */
  let appInstalled: Promise<string>;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-provider-template-'));
    expect(folder.startsWith(REPOSITORY)).to.equal(false);
    await mkdir(join(folder, 'tarballs'));
    tarballs = await packWorkspace(join(folder, 'tarballs'));
    appInstalled = installApp(join(folder, 'app'), tarballs);
    appInstalled.catch(() => {}); // awaited (and reported) by the test that needs it
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('builds the template against the packed @looply/core and passes its conformance suite', async () => {
    const template = join(folder, 'provider-template');
    await copyTemplate(template);
    const core = tarballs.find((file) => file.includes('looply-core-'))!;
    // --no-save keeps the published range ("^0.1.0") in package.json for the pack below.
    await runOrFail('npm', [...NPM_INSTALL, '--no-save', core], template);
    await runOrFail('npm', ['run', 'build'], template);
    const test = await run('npm', ['test'], template);
    expect(test.exitCode, test.stdout + test.stderr).to.equal(0);
    expect(test.stdout)
      .to.match(/\d+ passing/)
      .and.not.to.match(/failing/);
    expect(test.stdout).to.contain('passes the idempotency key through to the vendor');
    const manifest = JSON.parse(await readFile(join(template, 'package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
    };
    expect(manifest.peerDependencies['@looply/core']).to.equal('^0.1.0');
    await runOrFail('npm', ['pack', '--pack-destination', join(folder, 'tarballs')], template);
  });

  it('looply lists it and generates a video with it, selected through looply.config.json', async () => {
    const app = await appInstalled;
    await runOrFail('npm', [...NPM_INSTALL, join(folder, 'tarballs', 'looply-provider-acme-0.1.0.tgz')], app);

    const { startFakeAcmeServer } = (await import(
      pathToFileURL(join(app, 'node_modules', 'looply-provider-acme', 'dist', 'testing', 'fake-acme-server.js')).href
    )) as {
      startFakeAcmeServer: () => Promise<FakeAcme>;
    };
    const acme = await startFakeAcmeServer();
    try {
      await writeFile(
        join(app, 'looply.config.json'),
        JSON.stringify({
          plugins: [{ package: 'looply-provider-acme', settings: { baseURL: acme.url } }],
          providers: { visual: 'acme' },
        }),
      );
      const looply = join(app, 'node_modules', '@looply', 'cli', 'dist', 'bin.js');
      const environment = { DATABASE_URL: database.url, LOOPLY_HOME: join(app, '.looply'), ACME_API_KEY: 'acme-key' };

      const providers = await runOrFail(process.execPath, [looply, 'providers'], app, environment);
      expect(providers.stdout).to.match(
        /^visual\s+acme\s+looply-provider-acme\s+0\.1\.0\s+yes\s+yes \(.*looply\.config\.json providers\.visual\)$/m,
      );

      const generated = await run(
        process.execPath,
        [looply, 'generate', '--topic', 'tidal energy', '--duration', '5', '--json', '--out', 'video.mp4'],
        app,
        environment,
      );
      expect(generated.exitCode, generated.stderr).to.equal(0);
      const result = JSON.parse(generated.stdout) as {
        status: string;
        providers: Record<string, string>;
        videoPath: string;
      };
      expect(result.status).to.equal('COMPLETED');
      expect(result.providers.visual).to.equal('acme');
      expect(result.videoPath).to.equal(join(app, 'video.mp4'));
      expect((await stat(result.videoPath)).size).to.be.greaterThan(10_000);
      expect(acme.requests.length).to.be.greaterThan(0);
      expect(
        acme.requests.every(
          (request) => request.path === '/v1/images' && request.headers.authorization === 'Bearer acme-key',
        ),
      ).to.equal(true);
    } finally {
      await acme.close();
    }
  });
});
