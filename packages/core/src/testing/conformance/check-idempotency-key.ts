import assert from 'node:assert/strict';

/** After a successful call with `key`, the vendor must have received it. */
export async function checkIdempotencyKeySeen(
  key: string,
  idempotencyKeySeen: (key: string) => boolean | Promise<boolean>,
  where: string,
): Promise<void> {
  const seen = await idempotencyKeySeen(key);
  assert.equal(
    seen,
    true,
    `${where}: the idempotency key ${JSON.stringify(key)} did not reach the vendor (idempotencyKeySeen answered ${String(seen)})`,
  );
}
