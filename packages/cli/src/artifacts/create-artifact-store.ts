import { LocalArtifactStore, type ArtifactStore } from '@looply/core';
import type { ArtifactsLocation } from './artifacts-location.js';
import { ConfigError } from '../config/config-error.js';

/**
 * The artifact store of this process. An S3 bucket is checked once here, so a missing bucket,
 * rejected credentials or an unreachable endpoint stop the command at start (exit 2) naming which.
 */
export async function createArtifactStore(location: ArtifactsLocation): Promise<ArtifactStore> {
  if (location.kind === 'file') return new LocalArtifactStore(location.root);
  const { S3ArtifactStore, S3StorageError } = await import('@looply/storage-s3');
  const store = new S3ArtifactStore(location.settings);
  try {
    await store.check();
  } catch (error) {
    await store.close();
    if (error instanceof S3StorageError)
      throw new ConfigError('LOOPLY_ARTIFACTS', `artifact storage ${location.location}: ${error.message}`);
    throw error;
  }
  return store;
}
