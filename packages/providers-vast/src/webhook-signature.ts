import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers a signature may come in (the wrapper's header name is not documented; these are the common ones). */
export const SIGNATURE_HEADERS = ['x-signature', 'x-webhook-signature', 'x-hub-signature-256'] as const;

/** Hex HMAC-SHA256 of the body. */
export function signWebhookBody(body: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** True when one of the signature headers holds the body's HMAC-SHA256 (hex, optionally `sha256=`-prefixed). */
export function hasValidSignature(
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  secret: string,
): boolean {
  const expected = Buffer.from(signWebhookBody(body, secret), 'utf8');
  for (const name of SIGNATURE_HEADERS) {
    const raw = headers[name];
    for (const value of Array.isArray(raw) ? raw : raw ? [raw] : []) {
      const candidate = Buffer.from(
        value
          .trim()
          .replace(/^sha256=/i, '')
          .toLowerCase(),
        'utf8',
      );
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return true;
    }
  }
  return false;
}
