import assert from 'node:assert/strict';
import { LocalArtifactStore, STYLE_CATALOGUE } from '@looply/core';
import { sampleVisualScene, testVisualProvider } from '@looply/core/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAcmeVisualProvider } from './acme-visual-provider.js';
import { startFakeAcmeServer } from './testing/fake-acme-server.js';

const fake = await startFakeAcmeServer();
after(() => fake.close());

// The shared suite every Looply visual provider passes, against the local fake of the vendor.
testVisualProvider({
  createProvider: () => createAcmeVisualProvider({ apiKey: 'test-key', baseURL: fake.url }),
  idempotencyKeySeen: (key) => fake.idempotencyKeys.has(key),
  errorCases: [
    {
      name: 'rate limited (429 with Retry-After: 2)',
      arrange: () => fake.failNext(429, { 'retry-after': '2' }),
      expect: { retryable: true, retryAfterMs: 2000 },
    },
    { name: 'server error (503)', arrange: () => fake.failNext(503), expect: { retryable: true } },
    {
      name: 'bad API key (401)',
      arrange: () => fake.failNext(401),
      expect: { retryable: false, messageIncludes: 'ACME_API_KEY' },
    },
  ],
});

describe('Acme visual provider', () => {
  it('sends the prompt, the output size, the key and the idempotency key to POST /v1/images', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'acme-test-'));
    try {
      const provider = createAcmeVisualProvider({ apiKey: 'secret-key', baseURL: fake.url });
      const scene = sampleVisualScene();
      await provider.doGenerate({
        abortSignal: new AbortController().signal,
        idempotencyKey: 'job-1:visual:0',
        artifacts: new LocalArtifactStore(folder),
        artifactPrefix: 'jobs/job-1/visual/scene-0',
        scene,
        style: STYLE_CATALOGUE.modern,
        output: { width: 640, height: 360, fps: 30 },
        title: 'A title',
      });
      const sent = fake.requests.at(-1)!;
      assert.equal(sent.method, 'POST');
      assert.equal(sent.path, '/v1/images');
      assert.equal(sent.headers.authorization, 'Bearer secret-key');
      assert.equal(sent.headers['idempotency-key'], 'job-1:visual:0');
      assert.deepEqual(sent.body, {
        prompt: `${scene.prompt.positive}, ${STYLE_CATALOGUE.modern.promptSuffix}`,
        negative_prompt: scene.prompt.negative,
        width: 640,
        height: 360,
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
