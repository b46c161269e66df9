import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Standard Webhooks (standardwebhooks.com): HMAC-SHA256 over `${id}.${timestamp}.${payload}`, `v1,<base64>`. */
const SECRET_PREFIX = 'whsec_';
const SIGNATURE_VERSION = 'v1';
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export const WEBHOOK_HEADERS = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
} as const;

export type WebhookHeaders = Record<string, string | string[] | undefined>;

/** A new random secret, `whsec_` + base64 of 24 bytes (the spec asks for 24–64). */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(24).toString('base64')}`;
}

function secretBytes(secret: string): Buffer {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length === 0) throw new WebhookVerificationError('The webhook secret is empty');
  return bytes;
}

export interface SignWebhookOptions {
  secret: string;
  id: string;
  /** Unix seconds, or a Date. */
  timestamp: number | Date;
  payload: string | Buffer;
}

/** The `webhook-signature` value for one message: `v1,<base64 HMAC-SHA256>`. */
export function signWebhook(options: SignWebhookOptions): string {
  const seconds =
    options.timestamp instanceof Date ? Math.floor(options.timestamp.getTime() / 1000) : options.timestamp;
  const hmac = createHmac('sha256', secretBytes(options.secret));
  hmac.update(`${options.id}.${seconds}.`);
  hmac.update(options.payload);
  return `${SIGNATURE_VERSION},${hmac.digest('base64')}`;
}

/** The three headers of a signed delivery. */
export function webhookHeaders(options: SignWebhookOptions): Record<string, string> {
  const seconds =
    options.timestamp instanceof Date ? Math.floor(options.timestamp.getTime() / 1000) : options.timestamp;
  return {
    [WEBHOOK_HEADERS.id]: options.id,
    [WEBHOOK_HEADERS.timestamp]: String(seconds),
    [WEBHOOK_HEADERS.signature]: signWebhook({ ...options, timestamp: seconds }),
  };
}

export interface VerifyWebhookOptions {
  secret: string;
  headers: WebhookHeaders;
  /** The raw body exactly as received (never re-serialised JSON). */
  payload: string | Buffer;
  /** Accepted clock difference in both directions. Default 300 s. */
  toleranceSeconds?: number;
  /** For tests. Default `Date.now()`. */
  now?: Date;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Verifies a Standard Webhooks delivery: all three headers present, timestamp within ±tolerance, and at
 * least one `v1` signature equal (constant-time) to ours. Returns the message id (use it to deduplicate);
 * throws `WebhookVerificationError` saying what failed.
 */
export function verifyWebhook(options: VerifyWebhookOptions): { id: string; timestamp: number } {
  const id = header(options.headers, WEBHOOK_HEADERS.id);
  const timestampText = header(options.headers, WEBHOOK_HEADERS.timestamp);
  const signatures = header(options.headers, WEBHOOK_HEADERS.signature);
  if (!id) throw new WebhookVerificationError('Missing webhook-id header');
  if (!timestampText) throw new WebhookVerificationError('Missing webhook-timestamp header');
  if (!signatures) throw new WebhookVerificationError('Missing webhook-signature header');
  if (!/^\d{1,12}$/.test(timestampText))
    throw new WebhookVerificationError('Invalid webhook-timestamp header: not a Unix time in seconds');
  const timestamp = Number(timestampText);
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (timestamp < now - tolerance) throw new WebhookVerificationError('Message timestamp too old');
  if (timestamp > now + tolerance) throw new WebhookVerificationError('Message timestamp too new');
  const expected = Buffer.from(
    signWebhook({ secret: options.secret, id, timestamp, payload: options.payload }).slice(
      SIGNATURE_VERSION.length + 1,
    ),
    'base64',
  );
  for (const entry of signatures.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== SIGNATURE_VERSION || !value) continue;
    const offered = Buffer.from(value, 'base64');
    if (offered.length === expected.length && timingSafeEqual(offered, expected)) return { id, timestamp };
  }
  throw new WebhookVerificationError('No matching webhook signature found');
}
