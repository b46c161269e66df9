import { z } from 'zod';
import { WAN_A14B_RESOLUTIONS, WAN_MODELS } from './wan-models.js';

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });
const workflowSchema = z.record(
  z.string(),
  z.looseObject({ class_type: z.string().min(1), inputs: z.record(z.string(), z.unknown()) }),
);

/** Settings of the WAN visual provider. Unset values fall back to the environment on first use. */
export const vastVisualSettingsSchema = z.strictObject({
  /** The ComfyUI API wrapper; default `WAN_ENDPOINT_URL`. */
  endpointUrl: httpUrl.optional(),
  /** Bearer token for the instance's auth; default `WAN_API_TOKEN`. */
  apiToken: z.string().min(1).optional(),
  /** ComfyUI's own URL, for `/view` downloads; default the wrapper URL. */
  comfyUiUrl: httpUrl.optional(),
  /** Where the server is reachable from the GPU; webhooks go to `<publicBaseUrl>/api/v1/webhooks/vast`. Default `PUBLIC_BASE_URL`; unset: poll only. */
  publicBaseUrl: httpUrl.optional(),
  /** Signs the wrapper's webhooks (HMAC-SHA256 of the body); default `WAN_WEBHOOK_SECRET`. */
  webhookSecret: z.string().min(1).optional(),
  model: z.enum(WAN_MODELS).default('ti2v-5b'),
  /** T2V-A14B only: 832x480 or 1280x720 (and portrait). */
  a14bResolution: z.enum(WAN_A14B_RESOLUTIONS).default('480p'),
  /** Frames per clip, rounded to 4n+1; default the model's (121 or 81, about 5 s). */
  frames: z.number().int().min(5).max(481).optional(),
  steps: z.number().int().min(1).max(200).optional(),
  /** A custom API-format workflow with `{{POSITIVE_PROMPT}}`, `{{SEED}}`… slots instead of the built-in graph. */
  workflowTemplate: workflowSchema.optional(),
  /** Generations tried per scene (a failed one is resubmitted) before the job fails with ComfyUI's error. */
  maxGenerationAttempts: z.number().int().min(1).max(10).default(3),
  /** A generation still unfinished this long after it was queued fails (and is cancelled remotely). */
  generationTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(45 * 60_000),
  /** Wait between polls of `GET /result/{id}` (with a webhook: the fallback when it is late). Default: the runner's poll interval. */
  pollIntervalMs: z.number().int().positive().optional(),
  /** Time allowed for one HTTP request to the wrapper. */
  requestTimeoutMs: z.number().int().positive().default(60_000),
  /** The instance's price, to report `usage.costUsd` from the generation time. */
  gpuPricePerHourUsd: z.number().min(0).optional(),
  fetch: z.custom<typeof fetch>((value) => typeof value === 'function', 'must be a fetch function').optional(),
});
export type VastVisualSettings = z.input<typeof vastVisualSettingsSchema>;
export type ResolvedVastVisualSettings = z.output<typeof vastVisualSettingsSchema>;
