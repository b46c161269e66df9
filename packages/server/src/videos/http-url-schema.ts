import { z } from 'zod';

/**
 * An http(s) URL as the server stores it: no whitespace or control character anywhere (the WHATWG
 * parser would silently drop them, so the value checked and the value stored could differ), then
 * parsed once and kept in its normalised form (`new URL(…).href`: dot segments resolved, host
 * lower-cased), which is exactly what the SSRF policy checks and what the renderer later reads.
 */
export const httpUrlSchema = z
  .string()
  .max(2048)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  .regex(/^[^\s\x00-\x1f\x7f]+$/, 'must not contain whitespace or control characters')
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }))
  .transform((url) => new URL(url).href);
