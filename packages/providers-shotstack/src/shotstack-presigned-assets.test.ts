import type { AssemblyResultV1 } from '@looply/core';
import { createSampleTimeline, runLongRunningCall } from '@looply/core/testing';
import { S3ArtifactStore } from '@looply/storage-s3';
import { startS3rver, type RunningS3rver } from '@looply/storage-s3/testing';
import { expect } from 'chai';
import { ShotstackAssemblyModel } from './shotstack-assembly-model.js';
import { startFakeShotstack, type FakeShotstack } from './testing/index.js';

const API_KEY = 'shotstack-test-key';

describe('ShotstackAssemblyModel with an artifact store that presigns URLs (S3)', function () {
  this.timeout(120_000);
  let fake: FakeShotstack;
  let s3: RunningS3rver;
  let store: S3ArtifactStore;

  before(async () => {
    fake = await startFakeShotstack({ apiKey: API_KEY });
    s3 = await startS3rver({ buckets: ['looply'] });
    store = new S3ArtifactStore({
      bucket: 'looply',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
    });
  });
  after(async () => {
    await store?.close();
    await s3?.stop();
    await fake?.close();
  });

  it('needs no artifactUrls: Shotstack fetches every asset straight from the bucket by presigned URL', async () => {
    const timeline = await createSampleTimeline(store, 'inputs');
    const model = new ShotstackAssemblyModel({
      apiKey: API_KEY,
      baseUrl: fake.url,
      minRequestIntervalMs: 120,
      pollIntervalMs: 20,
    });
    const { result } = await runLongRunningCall(
      model,
      {
        abortSignal: new AbortController().signal,
        idempotencyKey: 'jobs/s3/assembly:key',
        artifacts: store,
        artifactPrefix: 'jobs/s3/assembly',
        timeline,
      },
      { timeoutMs: 90_000, pollIntervalMs: 20, where: 'shotstack' },
    );
    expect(fake.fetches.length).to.be.greaterThan(0);
    for (const fetched of fake.fetches) {
      expect(fetched.status, fetched.url).to.equal(200);
      expect(new URL(fetched.url).origin).to.equal(s3.endpoint);
      expect(new URL(fetched.url).searchParams.get('X-Amz-Expires')).to.equal(String(24 * 3600));
    }
    const video = await store.get((result as AssemblyResultV1).video.key);
    expect(video.subarray(4, 8).toString('latin1')).to.equal('ftyp');
  });
});
