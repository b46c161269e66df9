import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import { S3ArtifactStore } from '@looply/storage-s3';
import { startS3rver, type RunningS3rver } from '@looply/storage-s3/testing';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';

describe('GET /api/v1/videos/:id/file with an artifact store that signs URLs', function () {
  this.timeout(120_000);
  let s3: RunningS3rver;
  let store: S3ArtifactStore;
  let server: TestServer;
  let studioRoot: string;

  before(async () => {
    studioRoot = await mkdtemp(join(tmpdir(), 'looply-studio-root-'));
    await writeFile(join(studioRoot, 'index.html'), '<!doctype html><title>Looply studio</title>');
    s3 = await startS3rver({ buckets: ['looply'] });
    store = new S3ArtifactStore({
      bucket: 'looply',
      prefix: 'server-test',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: s3.credentials,
    });
    server = await createTestServer({ artifacts: store, settings: { studioRoot } });
  });
  after(async () => {
    await server?.close();
    await store?.close();
    await s3?.stop();
    if (studioRoot) await rm(studioRoot, { recursive: true, force: true });
  });

  it("the studio's Content-Security-Policy lets its player fetch and play from the bucket's origin, and nothing else is widened", async () => {
    const response = await request(server.app).get('/videos/some-video').set('Accept', 'text/html');
    expect(response.status).to.equal(200);
    const directives = (response.headers['content-security-policy'] as string).split('; ');
    expect(directives).to.include(`media-src 'self' blob: ${s3.endpoint}`);
    expect(directives).to.include(`connect-src 'self' ${s3.endpoint}`);
    expect(directives).to.include("img-src 'self' data: blob:");
    expect(directives).to.include("default-src 'self'");
    expect(directives).to.include("script-src 'self'");
  });

  it('answers 302 to a short-lived presigned URL of the bucket, which serves the MP4 and its Ranges', async () => {
    const user = await server.createUser();
    const auth = { Authorization: `Bearer ${user.token}` };
    const created = await request(server.app).post('/api/v1/videos').set(auth).send(QUICK_BRIEF).expect(202);
    expect(await waitForJobEnd(server.engine, created.body.id)).to.equal('COMPLETED');
    const job = (await server.engine.get(created.body.id))!;
    expect(job.metadata.storage).to.deep.equal({
      provider: 's3',
      bucket: 'looply',
      prefix: 'server-test',
      endpoint: s3.endpoint,
    });

    const response = await request(server.app).get(`/api/v1/videos/${job.id}/file`).set(auth).redirects(0);
    expect(response.status).to.equal(302);
    expect(response.headers['cache-control']).to.equal('no-store');
    const location = new URL(response.headers.location);
    expect(location.origin).to.equal(s3.endpoint);
    expect(location.searchParams.get('X-Amz-Expires')).to.equal('300');

    const stored = await store.get(job.result!.video.key);
    const whole = await fetch(location);
    expect(whole.status).to.equal(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(stored)).to.equal(true);
    const part = await fetch(location, { headers: { Range: 'bytes=2-5' } });
    expect(part.status).to.equal(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(stored.subarray(2, 6))).to.equal(true);
  });

  it('answers 410 when the file is gone from the bucket', async () => {
    const user = await server.createUser();
    const auth = { Authorization: `Bearer ${user.token}` };
    const created = await request(server.app).post('/api/v1/videos').set(auth).send(QUICK_BRIEF).expect(202);
    expect(await waitForJobEnd(server.engine, created.body.id)).to.equal('COMPLETED');
    const job = (await server.engine.get(created.body.id))!;
    await store.deletePrefix(`jobs/${job.id}`);
    const response = await request(server.app).get(`/api/v1/videos/${job.id}/file`).set(auth).redirects(0);
    expect(response.status).to.equal(410);
    expect(response.body.error.code).to.equal('video-file-missing');
  });
});
