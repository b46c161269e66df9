import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalArtifactStore, startSignedArtifactServer, type SignedArtifactServer } from '@looply/core';
import { testAssemblyProvider } from '@looply/core/testing';
import { ShotstackAssemblyModel } from './shotstack-assembly-model.js';
import { startFakeShotstack, type FakeShotstack } from './testing/index.js';

const API_KEY = 'shotstack-conformance-key';

describe('@looply/providers-shotstack', function () {
  this.timeout(180_000);
  let fake: FakeShotstack;
  let folder: string;
  let artifacts: LocalArtifactStore;
  let assets: SignedArtifactServer;
  before(async () => {
    fake = await startFakeShotstack({ apiKey: API_KEY });
    folder = await mkdtemp(join(tmpdir(), 'looply-shotstack-conformance-'));
    // One store for every check, served by one signed-URL server the fake fetches from.
    artifacts = new LocalArtifactStore(folder);
    assets = await startSignedArtifactServer({ store: artifacts, secret: 'conformance-artifact-secret-0123456789' });
  });
  after(async () => {
    await assets.close();
    await fake.close();
    await rm(folder, { recursive: true, force: true });
  });

  testAssemblyProvider({
    title: 'Shotstack assembly provider conformance',
    createProvider: () =>
      new ShotstackAssemblyModel({
        apiKey: API_KEY,
        baseUrl: fake.url,
        artifactUrls: assets.signer,
        minRequestIntervalMs: 20,
        pollIntervalMs: 50,
      }),
    createArtifacts: () => artifacts,
    timeoutMs: 150_000,
    errorCases: [
      {
        name: '403 Forbidden (the key was rotated)',
        arrange: () => {
          fake.reset();
          fake.rotateApiKey('a-rotated-key');
        },
        expect: { retryable: false, messageIncludes: 'SHOTSTACK_API_KEY' },
      },
      {
        name: 'render failed',
        arrange: () => {
          fake.reset();
          fake.failNextRender('Edit validation failed: Unknown property: shadow');
        },
        expect: { retryable: false, messageIncludes: 'Unknown property: shadow' },
      },
    ],
  });
});
