import type { Readable } from 'node:stream';
import type { ArtifactRef } from './artifact-ref.js';

export interface PutArtifactOptions {
  contentType: string;
}

/**
 * Where providers read inputs and write outputs. Providers never write to arbitrary paths.
 * Keys are relative, `/`-separated and may not contain `..`.
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
}
