import { ProviderError, type ArtifactStore } from '@looply/core';

/** The local file of an input artifact, or a non-retryable error naming a missing one (other store errors pass through). */
export async function inputArtifactPath(artifacts: ArtifactStore, key: string, what: string): Promise<string> {
  try {
    return await artifacts.localPath(key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ProviderError({
      provider: 'local',
      retryable: false,
      message: `local assembly: ${what} (artifact ${key}) cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
}
