import type { WebhookResultV1 } from '@looply/core';
import { z } from 'zod';
import { WRAPPER_FAILED_STATUSES } from './comfy-wrapper-result.js';
import { WAN_REQUEST_ID_PATTERN } from './wan-request-id.js';

const webhookBodySchema = z.looseObject({ id: z.string().min(1), status: z.string().min(1) });

/** The wrapper's webhook body → which generation it is about and how it stands; null when it is not one of ours. */
export function parseWanWebhookBody(body: Buffer): WebhookResultV1 | null {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = webhookBodySchema.safeParse(json);
  if (!parsed.success || !WAN_REQUEST_ID_PATTERN.test(parsed.data.id)) return null;
  const { id, status: wrapperStatus } = parsed.data;
  const status =
    wrapperStatus === 'completed' ? 'completed' : WRAPPER_FAILED_STATUSES.has(wrapperStatus) ? 'error' : 'pending';
  return { externalId: id, status, deliveryId: `${id}:${wrapperStatus}` };
}
