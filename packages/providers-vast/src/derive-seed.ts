import { createHash } from 'node:crypto';

/** A seed in ComfyUI's accepted range (0..2^53-1) derived from the idempotency key: a retried call renders the same clip. */
export function deriveSeed(idempotencyKey: string): number {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(Number.MAX_SAFE_INTEGER));
}
