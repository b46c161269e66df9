import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Shotstack's callbacks are not signed, so the callback URL carries a proof that we issued it: a
 * random nonce and its HMAC. A forged callback without the secret is refused; a genuine one is
 * still only a hint the provider confirms with `GET render/{id}`.
 */
export function issueCallbackToken(secret: string | Buffer): { nonce: string; token: string } {
  const nonce = randomBytes(16).toString('hex');
  return { nonce, token: callbackToken(secret, nonce) };
}

function callbackToken(secret: string | Buffer, nonce: string): string {
  return createHmac('sha256', secret).update(`shotstack-callback:${nonce}`).digest('hex');
}

export function isValidCallbackToken(
  secret: string | Buffer,
  nonce: string | undefined,
  token: string | undefined,
): boolean {
  if (!nonce || !token) return false;
  const expected = Buffer.from(callbackToken(secret, nonce));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
