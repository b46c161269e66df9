import { createHash } from 'node:crypto';

/**
 * The wrapper `request_id` of generation `attempt` for a call: derived from the idempotency key, so
 * a restarted or retried `doStart` finds the generation it already paid for instead of queueing another.
 */
export function wanRequestId(idempotencyKey: string, attempt: number): string {
  return `looply-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}-${attempt}`;
}

/** Ids this provider makes look like this; webhooks about other ids are not ours. */
export const WAN_REQUEST_ID_PATTERN = /^looply-[0-9a-f]{32}-\d+$/;
