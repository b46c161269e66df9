import { join } from 'node:path';
import { LocalArtifactStore, type ArtifactStore } from '@looply/core';
import type { CliConfig } from '../config/cli-config.js';

/**
 * The one place the CLI builds its artifact store (registered under `TOKENS.ArtifactStore`):
 * files under `$LOOPLY_HOME/artifacts`.
 */
export function createArtifactStore(settings: Pick<CliConfig, 'home'>): ArtifactStore {
  return new LocalArtifactStore(join(settings.home, 'artifacts'));
}
