import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LocalArtifactStore, startSignedArtifactServer, type ArtifactUrlSigner } from '@looply/core';
import type { CliConfig } from '../config/cli-config.js';

/**
 * Signed artifact URLs for remote providers (Shotstack fetches every asset by URL), served by a tiny
 * HTTP server over this run's artifact store, started on first use and never keeping the process
 * alive. Its URLs are local (`http://127.0.0.1:<port>`): a remote service reaches them only through a
 * tunnel or proxy to that port.
 */
export function localArtifactUrls(config: Pick<CliConfig, 'home' | 'artifacts'>): () => Promise<ArtifactUrlSigner> {
  let started: Promise<ArtifactUrlSigner> | undefined;
  return () => {
    started ??= startSignedArtifactServer({
      // With an S3 store, Shotstack presigns through the store and this server is never started.
      store: new LocalArtifactStore(
        config.artifacts.kind === 'file' ? config.artifacts.root : join(config.home, 'artifacts'),
      ),
      secret: randomBytes(32),
      keepProcessAlive: false,
    }).then((server) => server.signer);
    return started;
  };
}
