import { handleSignedArtifactRequest, type ArtifactStore, type ArtifactUrlSigner } from '@looply/core';
import { Router } from 'express';
import { z } from 'zod';
import { HttpError } from '../app/http-error.js';

/** The query of a signed artifact URL (documented in the OpenAPI document). */
export const artifactQuerySchema = z.object({
  expires: z.string().meta({ description: 'Expiry, milliseconds since the epoch, as signed' }),
  signature: z.string().meta({ description: 'HMAC-SHA256 of the key and expiry' }),
});

/**
 * `GET /api/v1/artifacts/<key>?expires=&signature=`: serves an artifact to a remote provider
 * (Shotstack fetches every asset by URL) when the URL was signed by `signer` and has not expired.
 * No user authentication: the signature is the credential. Refusals are checked here first so they
 * answer in the API's one error shape (400 malformed key, 403 bad or expired signature, 404 missing,
 * 405 not GET/HEAD); core's handler then streams the artifact.
 */
export function createArtifactsRouter(dependencies: { store: ArtifactStore; signer: ArtifactUrlSigner }): Router {
  const router = Router();
  router.use(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'method-not-allowed', 'Artifacts are read-only: use GET', undefined, {
        Allow: 'GET, HEAD',
      });
    }
    let key: string;
    try {
      key = request.path.slice(1).split('/').map(decodeURIComponent).join('/');
    } catch {
      throw new HttpError(400, 'malformed-url', 'The artifact path has malformed percent-encoding');
    }
    const query = (name: string) =>
      typeof request.query[name] === 'string' ? (request.query[name] as string) : undefined;
    const check = dependencies.signer.verify(key, { expires: query('expires'), signature: query('signature') });
    if (!check.ok) {
      if (check.reason === 'bad-key') throw new HttpError(400, 'validation', `Artifact URL refused: ${check.reason}`);
      throw new HttpError(403, 'forbidden', `Artifact URL refused: ${check.reason}`);
    }
    if (!(await dependencies.store.exists(key))) throw new HttpError(404, 'not-found', 'No such artifact');
    if (
      !(await handleSignedArtifactRequest({ method: request.method, url: request.originalUrl }, response, dependencies))
    ) {
      throw new HttpError(404, 'not-found', 'No such artifact');
    }
  });
  return router;
}
