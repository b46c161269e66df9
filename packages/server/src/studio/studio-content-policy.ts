import type { ArtifactStore } from '@looply/core';
import type Logger from 'bunyan';

/**
 * The studio's Content-Security-Policy: helmet's policy plus `blob:` for media (the player and the
 * download read the MP4 with the bearer token — a `<video src>` cannot send one — and hand it to the
 * element as a blob URL). With a store that signs URLs (S3), `GET /videos/:id/file` answers 302 to the
 * bucket: that fetch follows the redirect (`connect-src`), and media may come from there
 * (`media-src`); the bucket's origin is added to those two and nothing else. Posters never redirect.
 */
export function studioContentSecurityPolicy(signedMediaOrigin: string | null): string {
  const bucket = signedMediaOrigin ? ` ${signedMediaOrigin}` : '';
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'self'",
    "img-src 'self' data: blob:",
    `media-src 'self' blob:${bucket}`,
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self'${bucket}`,
  ].join('; ');
}

/**
 * The origin the store's signed URLs point at (null for a store that does not sign). Read from a URL
 * the store itself signs (a local computation, nothing is fetched), so it is exactly the origin a
 * redirect goes to, whatever the addressing style (`https://bucket.s3.region.amazonaws.com`, a path-style
 * MinIO endpoint, R2). When signing fails (no credentials yet) the policy stays 'self' and says so.
 */
export async function signedArtifactOrigin(store: ArtifactStore, logger: Logger): Promise<string | null> {
  if (!store.signedUrl) return null;
  try {
    return new URL(await store.signedUrl('studio/content-security-policy-probe', 60)).origin;
  } catch (error) {
    logger.warn(
      { err: error },
      "the artifact store could not sign a URL: the studio's policy allows media from 'self' only, so its player cannot follow video redirects to the store",
    );
    return null;
  }
}
