import { createHmac, timingSafeEqual } from 'node:crypto';
import { assertSafeArtifactKey } from './artifact-key.js';

/** The route remote services fetch artifacts from: `GET <base>/api/v1/artifacts/<key>?expires=&signature=`. */
export const SIGNED_ARTIFACT_PATH = '/api/v1/artifacts/';

export interface ArtifactUrlSignerOptions {
  /** Where the artifact route is reachable from the remote service (`PUBLIC_BASE_URL`). */
  baseUrl: string;
  /** HMAC-SHA256 key; at least 32 bytes. */
  secret: string | Buffer;
  /** Lifetime of a URL. Default 24 h (a render may wait in a queue). */
  ttlMs?: number;
  now?: () => number;
}

export type ArtifactUrlCheck =
  { ok: true; key: string } | { ok: false; reason: 'missing-signature' | 'bad-signature' | 'expired' | 'bad-key' };

/** Makes and checks signed, expiring artifact URLs. The signature covers the key and the expiry. */
export interface ArtifactUrlSigner {
  readonly baseUrl: string;
  /** A URL a remote service can GET the artifact from until it expires. */
  url(key: string, ttlMs?: number): string;
  /** Checks the path-decoded key and the `expires`/`signature` query values of a request. */
  verify(key: string, query: { expires?: string; signature?: string }): ArtifactUrlCheck;
}

function signature(secret: string | Buffer, key: string, expires: number): string {
  return createHmac('sha256', secret).update(`${key}\n${expires}`).digest('hex');
}

/** Encodes each key segment, keeping the `/` separators. */
export function encodeArtifactKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

export function createArtifactUrlSigner(options: ArtifactUrlSignerOptions): ArtifactUrlSigner {
  const secretLength = typeof options.secret === 'string' ? Buffer.byteLength(options.secret) : options.secret.length;
  if (secretLength < 32) throw new Error(`The artifact URL secret must be at least 32 bytes, got ${secretLength}`);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const ttlMs = options.ttlMs ?? 24 * 3_600_000;
  const now = options.now ?? Date.now;
  return {
    baseUrl,
    url(key, lifetimeMs = ttlMs) {
      assertSafeArtifactKey(key);
      const expires = Math.floor((now() + lifetimeMs) / 1000);
      return `${baseUrl}${SIGNED_ARTIFACT_PATH}${encodeArtifactKey(key)}?expires=${expires}&signature=${signature(options.secret, key, expires)}`;
    },
    verify(key, query) {
      try {
        assertSafeArtifactKey(key);
      } catch {
        return { ok: false, reason: 'bad-key' };
      }
      if (!query.expires || !query.signature) return { ok: false, reason: 'missing-signature' };
      const expires = Number(query.expires);
      if (!Number.isInteger(expires)) return { ok: false, reason: 'bad-signature' };
      const expected = Buffer.from(signature(options.secret, key, expires));
      const given = Buffer.from(query.signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: 'bad-signature' };
      if (expires * 1000 < now()) return { ok: false, reason: 'expired' };
      return { ok: true, key };
    },
  };
}
