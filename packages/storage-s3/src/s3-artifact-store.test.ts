import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { testArtifactStore } from '@looply/core/testing';
import { S3ArtifactStore } from './s3-artifact-store.js';
import { S3StorageError } from './s3-storage-error.js';
import { startS3rver, type RunningS3rver } from './testing/s3rver-server.js';

const BUCKET = 'looply-artifacts';
const MEBIBYTE = 1024 * 1024;

let server: RunningS3rver;
let storeCount = 0;
before(async () => {
  server = await startS3rver({ buckets: [BUCKET] });
});
after(() => server?.stop());

function storeFor(settings: Partial<ConstructorParameters<typeof S3ArtifactStore>[0]> = {}): S3ArtifactStore {
  storeCount += 1;
  return new S3ArtifactStore({
    bucket: BUCKET,
    prefix: `tests/${storeCount}-${randomBytes(3).toString('hex')}`,
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: server.credentials,
    ...settings,
  });
}

testArtifactStore({
  name: 'S3ArtifactStore on s3rver',
  // Five keys per listing page: the 12 listed keys take three pages, so paging is exercised.
  create: async () => storeFor({ listPageSize: 5 }),
  destroy: (store) => (store as S3ArtifactStore).close(),
});

describe('S3ArtifactStore', function () {
  this.timeout(60_000);

  it('streams an upload bigger than one part as a multipart upload and reads byte ranges of it', async () => {
    const store = storeFor({ partSizeBytes: 5 * MEBIBYTE, uploadConcurrency: 2 });
    const commands: string[] = [];
    store.client.middlewareStack.add(
      (next, context) => async (argument) => {
        commands.push(context.commandName ?? '?');
        return next(argument);
      },
      { step: 'initialize', name: 'recordCommands' },
    );
    const bytes = randomBytes(11 * MEBIBYTE + 3);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, index) =>
      bytes.subarray(index * 65_536, (index + 1) * 65_536),
    );
    const ref = await store.put('jobs/big/final.mp4', Readable.from(chunks), { contentType: 'video/mp4' });
    expect(ref).to.deep.equal({ key: 'jobs/big/final.mp4', contentType: 'video/mp4', bytes: bytes.length });
    expect(commands).to.deep.equal([
      'CreateMultipartUploadCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'UploadPartCommand',
      'CompleteMultipartUploadCommand',
    ]);
    const object = await store.client.send(
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: `${store.settings.prefix}/jobs/big/final.mp4`,
        Range: 'bytes=6291456-6291471',
      }),
    );
    expect(object.ContentRange).to.equal(`bytes 6291456-6291471/${bytes.length}`);
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(bytes.subarray(6291456, 6291472))).to.equal(
      true,
    );
    expect((await store.get('jobs/big/final.mp4')).equals(bytes)).to.equal(true);
    await store.close();
  });

  it('downloads for localPath once per object version into a bounded cache, and removes it on close', async () => {
    const store = storeFor({ cacheMaxBytes: 0 });
    await store.put('jobs/a/voice.wav', Buffer.from('first'), { contentType: 'audio/wav' });
    const first = await store.localPath('jobs/a/voice.wav');
    expect(await store.localPath('jobs/a/voice.wav')).to.equal(first);
    await store.put('jobs/a/voice.wav', Buffer.from('second'), { contentType: 'audio/wav' });
    const second = await store.localPath('jobs/a/voice.wav');
    expect(second).not.to.equal(first);
    expect(await readFile(second, 'utf8')).to.equal('second');
    await store.close();
    let error: unknown;
    await readFile(second).catch((caught: unknown) => (error = caught));
    expect(error).to.have.property('code', 'ENOENT');
  });

  it('records provider, bucket and prefix for the job metadata', () => {
    const store = storeFor({ prefix: '/videos/' });
    expect(store.describe()).to.deep.equal({
      provider: 's3',
      bucket: BUCKET,
      prefix: 'videos',
      endpoint: server.endpoint,
    });
  });

  it('names a bucket that does not exist, at check() and at first write', async () => {
    const store = storeFor({ bucket: 'no-such-bucket' });
    const checked = await store.check().catch((error: unknown) => error);
    expect(checked).to.be.instanceOf(S3StorageError).with.property('code', 'bucket-missing');
    expect((checked as Error).message).to.contain('"no-such-bucket" does not exist');
    const written = await store
      .put('a.txt', Buffer.from('x'), { contentType: 'text/plain' })
      .catch((error: unknown) => error);
    expect(written).to.be.instanceOf(S3StorageError).with.property('code', 'bucket-missing');
    expect((written as Error).message).to.contain('no-such-bucket');
  });

  // s3rver checks the access key id but not SigV4 signatures, so the wrong credential here is the key id.
  it('says the credentials were rejected when the access key is unknown', async () => {
    const store = storeFor({ credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'not-the-secret' } });
    const error = await store.check().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(S3StorageError).with.property('code', 'credentials-rejected');
    expect((error as Error).message).to.contain('AWS_SECRET_ACCESS_KEY');
  });

  it('says the endpoint is unreachable when nothing listens there', async () => {
    const store = storeFor({ endpoint: 'http://127.0.0.1:9' });
    const error = await store.check().catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(S3StorageError).with.property('code', 'endpoint-unreachable');
    expect((error as Error).message).to.contain('http://127.0.0.1:9');
  });
});
