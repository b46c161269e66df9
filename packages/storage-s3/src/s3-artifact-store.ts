import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  ArtifactMissingError,
  assertSafeArtifactKey,
  type ArtifactRef,
  type ArtifactStorage,
  type ArtifactStore,
  type PutArtifactOptions,
} from '@looply/core';
import { createS3Client } from './s3-client-factory.js';
import { DownloadCache } from './download-cache.js';
import { s3StorageSettingsSchema, type S3StorageSettings, type S3StorageSettingsInput } from './s3-storage-settings.js';
import { toS3StorageError } from './s3-storage-error.js';

/** Presigned URLs live at most a week (SigV4's limit). */
const MAXIMUM_SIGNED_URL_TTL_SEC = 7 * 24 * 3600;

interface MissingKeyFailure {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

function isMissingKey(error: unknown): boolean {
  const failure = error as MissingKeyFailure;
  return failure?.name === 'NoSuchKey' || failure?.name === 'NotFound' || failure?.$metadata?.httpStatusCode === 404;
}

/**
 * Artifacts as objects in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, Google Cloud
 * Storage's XML API): uploads stream in multipart parts, reads stream, `localPath` downloads into
 * a bounded per-process cache, and `signedUrl` presigns GETs so remote services read the bucket directly.
 */
export class S3ArtifactStore implements ArtifactStore {
  readonly settings: S3StorageSettings;
  readonly client: S3Client;
  private readonly cache: DownloadCache;
  private readonly where: { bucket: string; endpoint: string };

  constructor(settings: S3StorageSettingsInput, client?: S3Client) {
    this.settings = s3StorageSettingsSchema.parse(settings);
    this.client = client ?? createS3Client(this.settings);
    this.cache = new DownloadCache(this.settings.cacheMaxBytes, this.settings.cacheFolder);
    this.where = {
      bucket: this.settings.bucket,
      endpoint: this.settings.endpoint ?? `AWS S3 (${this.settings.region})`,
    };
  }

  describe(): ArtifactStorage {
    return {
      provider: 's3',
      bucket: this.settings.bucket,
      prefix: this.settings.prefix,
      ...(this.settings.endpoint ? { endpoint: this.settings.endpoint } : {}),
    };
  }

  /** Checks once that the bucket exists and the credentials may use it; throws an `S3StorageError` naming which. */
  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (error) {
      throw toS3StorageError(error, this.where, 'check the bucket');
    }
  }

  private objectKey(key: string): string {
    assertSafeArtifactKey(key);
    return this.settings.prefix ? `${this.settings.prefix}/${key}` : key;
  }

  /** A listing prefix for `prefix` treated as a folder: `jobs/a` lists `jobs/a/...`, not `jobs/ab/...`. */
  private folderKey(prefix: string): string {
    const folder = prefix.replace(/\/+$/, '');
    if (folder) assertSafeArtifactKey(folder);
    const parts = [this.settings.prefix, folder].filter(Boolean);
    return parts.length ? `${parts.join('/')}/` : '';
  }

  async put(key: string, data: Buffer | Uint8Array | Readable, options: PutArtifactOptions): Promise<ArtifactRef> {
    const objectKey = this.objectKey(key);
    let bytes = data instanceof Readable ? 0 : data.byteLength;
    let body: Buffer | Uint8Array | Readable = data;
    if (data instanceof Readable) {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      });
      data.once('error', (error) => counter.destroy(error));
      body = data.pipe(counter);
    }
    // Multipart above one part; S3 makes the object visible only when the upload completes.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: objectKey, Body: body, ContentType: options.contentType },
      partSize: this.settings.partSizeBytes,
      queueSize: this.settings.uploadConcurrency,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      throw toS3StorageError(error, this.where, `upload "${key}"`);
    }
    return { key, contentType: options.contentType, bytes };
  }

  async putFile(key: string, filePath: string, options: PutArtifactOptions): Promise<ArtifactRef> {
    return this.put(key, createReadStream(filePath), options);
  }

  async get(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.createReadStream(key)) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  }

  async createReadStream(key: string): Promise<Readable> {
    const objectKey = this.objectKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: objectKey }));
      return response.Body as Readable;
    } catch (error) {
      if (isMissingKey(error)) throw new ArtifactMissingError(key, `bucket "${this.settings.bucket}"`);
      throw toS3StorageError(error, this.where, `read "${key}"`);
    }
  }

  private async etagOf(key: string): Promise<string | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }),
      );
      return head.ETag ?? '';
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw toS3StorageError(error, this.where, `look up "${key}"`);
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.etagOf(key)) !== undefined;
  }

  async localPath(key: string): Promise<string> {
    const etag = await this.etagOf(key);
    if (etag === undefined) throw new ArtifactMissingError(key, `bucket "${this.settings.bucket}"`);
    return this.cache.pathOf(key, etag, async (path) =>
      pipeline(await this.createReadStream(key), createWriteStream(path)),
    );
  }

  /** Keys (relative to the store) of every object under the folder `prefix`, page by page. */
  private async *listPages(prefix: string): AsyncGenerator<string[]> {
    const folder = this.folderKey(prefix);
    const strip = this.settings.prefix ? this.settings.prefix.length + 1 : 0;
    // ListObjects (v1) paged by marker = last key seen: every S3-compatible server has it, while
    // v2 continuation tokens vary (s3rver's use DES, which Node 20's OpenSSL 3 no longer offers).
    let marker: string | undefined;
    for (;;) {
      let page;
      try {
        page = await this.client.send(
          new ListObjectsCommand({
            Bucket: this.settings.bucket,
            Prefix: folder,
            MaxKeys: this.settings.listPageSize,
            Marker: marker,
          }),
        );
      } catch (error) {
        throw toS3StorageError(error, this.where, `list "${prefix}"`);
      }
      const objectKeys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
      yield objectKeys.map((key) => key.slice(strip));
      if (!page.IsTruncated || objectKeys.length === 0) return;
      marker = objectKeys[objectKeys.length - 1];
    }
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of this.listPages(prefix)) keys.push(...page);
    return keys.sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    // Collect first: deleting while listing would shift the pages under the continuation token.
    const keys = await this.list(prefix);
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      try {
        const result = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.settings.bucket,
            Delete: { Objects: batch.map((key) => ({ Key: this.objectKey(key) })), Quiet: true },
          }),
        );
        if (result.Errors?.length)
          throw new Error(result.Errors.map((each) => `${each.Key}: ${each.Code} ${each.Message}`).join('; '));
      } catch (error) {
        throw toS3StorageError(error, this.where, `delete "${prefix}"`);
      }
    }
  }

  async signedUrl(key: string, ttlSec: number): Promise<string> {
    const expiresIn = Math.min(MAXIMUM_SIGNED_URL_TTL_SEC, Math.max(1, Math.round(ttlSec)));
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }), {
      expiresIn,
    });
  }

  /** Removes this process's downloaded copies. */
  async close(): Promise<void> {
    await this.cache.clear();
  }
}
