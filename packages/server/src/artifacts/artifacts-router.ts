import { handleSignedArtifactRequest, type ArtifactStore, type ArtifactUrlSigner } from '@looply/core';
import { Router } from 'express';

/**
 * `GET /api/v1/artifacts/<key>?expires=&signature=`: serves an artifact to a remote provider
 * (Shotstack fetches every asset by URL) when the URL was signed by `signer` and has not expired;
 * 403 otherwise, 404 for a missing artifact. No user authentication: the signature is the credential.
 */
export function createArtifactsRouter(dependencies: { store: ArtifactStore; signer: ArtifactUrlSigner }): Router {
  const router = Router();
  router.use((request, response, next) => {
    handleSignedArtifactRequest({ method: request.method, url: request.originalUrl }, response, dependencies).then((handled) => {
      if (!handled) next();
    }, next);
  });
  return router;
}
