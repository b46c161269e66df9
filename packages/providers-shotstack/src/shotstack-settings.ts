import type { ArtifactUrlSigner } from '@looply/core';
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

/** Settings of the Shotstack assembly provider. Unset values fall back to the environment on first use. */
export const shotstackSettingsSchema = z.strictObject({
  /** Default `SHOTSTACK_API_KEY`; keys are per stage. */
  apiKey: z.string().min(1).optional(),
  /** The API host, without `/edit/…`; default `SHOTSTACK_BASE_URL`, else `https://api.shotstack.io`. */
  baseUrl: httpUrl.optional(),
  /** `stage` (sandbox, watermarked) or `v1` (production); default `SHOTSTACK_STAGE`, else `stage`. */
  stage: z.enum(['stage', 'v1']).optional(),
  /**
   * Signs the URLs Shotstack fetches the narration, pictures and subtitles from. Required to render.
   * A function is called on the first render (e.g. to start a server that serves them).
   */
  artifactUrls: z
    .custom<ArtifactUrlSigner | (() => Promise<ArtifactUrlSigner>)>(
      (value) => typeof value === 'function' || typeof (value as ArtifactUrlSigner | undefined)?.url === 'function',
      'must be an ArtifactUrlSigner or a function resolving to one',
    )
    .optional(),
  /** Callbacks go to `<publicBaseUrl>/api/v1/webhooks/shotstack?nonce=&token=`; default `PUBLIC_BASE_URL`; unset: poll only. */
  publicBaseUrl: httpUrl.optional(),
  /** Key of the callback tokens (≥ 32 bytes); default: a random one per process (callbacks of older processes are then ignored and polling finishes the step). */
  callbackSecret: z.string().min(32).optional(),
  /** Minimum time between two requests to Shotstack (free plan: 1 request/s). */
  minRequestIntervalMs: z.number().int().min(0).default(1000),
  /** Wait between polls of `GET render/{id}`; default: the runner's. */
  pollIntervalMs: z.number().int().positive().optional(),
  /** A render still unfinished this long after it was queued fails (Shotstack's own limit is 15 min of rendering). */
  renderTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  requestTimeoutMs: z.number().int().positive().default(60_000),
  fetch: z.custom<typeof fetch>((value) => typeof value === 'function', 'must be a fetch function').optional(),
});
export type ShotstackSettings = z.input<typeof shotstackSettingsSchema>;
export type ResolvedShotstackSettings = z.output<typeof shotstackSettingsSchema>;
