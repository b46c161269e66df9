import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { LocalArtifactStore, ProviderRegistry } from '@looply/core';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
  createTestDatabase,
  type TestDatabase,
} from '@looply/core/testing';
import { expect } from 'chai';
import { runLooply } from '../plugins/__fixtures__/plugin-workspace.js';
import { createCompositionRoot, openCommandScope } from './composition-root.js';
import { TOKENS } from './tokens.js';

function mockProviders() {
  const registry = new ProviderRegistry()
    .register(createMockScriptProvider({ sceneCount: 2 }))
    .register(createMockVoiceProvider())
    .register(createMockVisualProvider())
    .register(createMockAssemblyProvider());
  return { registry, defaults: { script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' } };
}

describe('composition root', function () {
  this.timeout(120_000);
  let workspace: string;
  beforeEach(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'looply-composition-test-'));
  });
  afterEach(() => rm(workspace, { recursive: true, force: true }));

  it('gives each command scope its own instances of the parts registered once in the root', async () => {
    const context = {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      environment: { LOOPLY_HOME: join(workspace, 'home') },
      cwd: workspace,
    };
    const root = createCompositionRoot(context);
    const first = await openCommandScope(root);
    const second = await openCommandScope(root);
    expect(first.resolve(TOKENS.EngineFactory)).to.equal(first.resolve(TOKENS.EngineFactory));
    expect(first.resolve(TOKENS.EngineFactory)).to.not.equal(second.resolve(TOKENS.EngineFactory));
    // The store is registered as a promise (an S3 bucket is checked when it is first resolved).
    expect(first.resolve(TOKENS.ArtifactStore)).to.equal(first.resolve(TOKENS.ArtifactStore));
    expect(await first.resolve(TOKENS.ArtifactStore)).to.be.instanceOf(LocalArtifactStore);
    expect(await first.resolve(TOKENS.ArtifactStore)).to.not.equal(await second.resolve(TOKENS.ArtifactStore));
    expect(first.resolve(TOKENS.Settings)).to.include({ home: join(workspace, 'home') });
  });

  describe('with a database', () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await createTestDatabase();
    });
    afterEach(() => database.drop());

    it('generate writes every artifact to the artifact store registered in place of the default one', async () => {
      const swapped = new LocalArtifactStore(join(workspace, 'swapped-store'));
      const result = await runLooply(
        ['generate', '--topic', 'tides', '--duration', '5', '--json', '--out', 'video.mp4'],
        workspace,
        { DATABASE_URL: database.url },
        {
          configure: (root) => {
            root.registerInstance(TOKENS.Providers, mockProviders());
            root.register(TOKENS.ArtifactStore, { useValue: swapped });
          },
        },
      );
      expect(result.exitCode, result.stderr).to.equal(0);
      const { jobId } = JSON.parse(result.stdout) as { jobId: string };
      const keys = await swapped.list(`jobs/${jobId}/`);
      expect(
        keys.some((key) => key.startsWith(`jobs/${jobId}/assembly/`)),
        keys.join(', '),
      ).to.equal(true);
      expect(
        keys.some((key) => key.startsWith(`jobs/${jobId}/voice/`)),
        keys.join(', '),
      ).to.equal(true);
      // The default store ($LOOPLY_HOME/artifacts) was never created.
      expect(
        await stat(join(workspace, '.looply', 'artifacts')).then(
          () => true,
          () => false,
        ),
      ).to.equal(false);
    });
  });
});
