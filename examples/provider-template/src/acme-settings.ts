import { z } from 'zod';

/**
 * Settings of the Acme provider. The key is read lazily (at call time) from `ACME_API_KEY` when not
 * given, so importing the package has no side effects.
 */
export const acmeSettingsSchema = z.strictObject({
  /** Default: `process.env.ACME_API_KEY` at call time. */
  apiKey: z.string().min(1).optional(),
  /** Default: `process.env.ACME_BASE_URL`, else `https://api.acme-images.example`. Point it at a fake in tests. */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  /** Extra headers on every request. */
  headers: z.record(z.string(), z.string()).optional(),
  /** A `fetch` to use instead of the global one. */
  fetch: z.custom<typeof fetch>((value) => typeof value === 'function', 'must be a fetch function').optional(),
});

export type AcmeSettings = z.input<typeof acmeSettingsSchema>;

export const DEFAULT_ACME_BASE_URL = 'https://api.acme-images.example';
