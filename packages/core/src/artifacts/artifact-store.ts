import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { ArtifactRef } from './artifact-ref.js';

export interface PutArtifactOptions {
  contentType: string;
}

/** Where a store keeps artifacts, recorded in each job's metadata as `storage`. */
export const artifactStorageSchema = z.strictObject({
  /** `local`, `s3`, ... */
  provider: z.string().min(1),
  bucket: z.string().min(1).optional(),
  /** Key prefix inside the bucket ('' for none). */
  prefix: z.string().optional(),
  /** The endpoint when it is not the provider's default (MinIO, R2, GCS). */
  endpoint: z.string().optional(),
});
export type ArtifactStorage = z.infer<typeof artifactStorageSchema>;

/**
 * Where providers read inputs and write outputs. Providers never write to arbitrary paths.
 * Keys are relative, `/`-separated and may not contain `..`. A missing key rejects with an
 * error whose `code` is `ENOENT` (see `ArtifactMissingError`).
 */
export interface ArtifactStore {
  put(key: string, data: Buffer | Uint8Array | Readable, options: PutArtifactOptions): Promise<ArtifactRef>;
  /** Copies an existing local file into the store (cheap rename/copy for the local store). */
  putFile(key: string, filePath: string, options: PutArtifactOptions): Promise<ArtifactRef>;
  get(key: string): Promise<Buffer>;
  createReadStream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /**
   * A path on this machine holding the artifact's bytes, for tools such as ffmpeg.
   * The local store returns its own file; a remote store downloads to a temporary file.
   */
  localPath(key: string): Promise<string>;
  /** Deletes every artifact whose key starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  /** Lists keys under a prefix. */
  list(prefix: string): Promise<string[]>;
  /**
   * A URL anyone holding it may GET the artifact from (with Range) for `ttlSec` seconds, straight
   * from the storage service. Only stores that can sign (S3 presigning) have it; remote providers
   * and the REST API use it when present instead of URLs served by `looply serve`.
   */
  signedUrl?(key: string, ttlSec: number): Promise<string>;
  /** Where this store keeps artifacts, for the job's metadata. */
  describe?(): ArtifactStorage;
}
