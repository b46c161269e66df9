import { z } from 'zod';
import { openAIPricingOverridesSchema } from './openai-pricing.js';

export const DEFAULT_SCRIPT_MODEL = 'gpt-4o-mini';
export const DEFAULT_SPEECH_MODEL = 'gpt-4o-mini-tts';
export const DEFAULT_SPEECH_VOICE = 'alloy';
export const DEFAULT_IMAGE_MODEL = 'gpt-image-1';
export const DEFAULT_TIMEOUT_MS = 120_000;
/** Image generation at high quality can take well over a minute. */
export const DEFAULT_IMAGE_TIMEOUT_MS = 300_000;

/** The built-in voices of `/v1/audio/speech`. */
export const OPENAI_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'fable',
  'onyx',
  'nova',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;
export type OpenAIVoice = (typeof OPENAI_VOICES)[number];

const fetchSchema = z.custom<typeof globalThis.fetch>(
  (value) => typeof value === 'function',
  'must be a fetch function',
);
const timeoutSchema = z.number().int().positive().max(3_600_000);

export const openAIScriptSettingsSchema = z.strictObject({
  /** Chat model. Default: `OPENAI_MODEL`, else `gpt-4o-mini`. */
  model: z.string().min(1).optional(),
  /** Sampling temperature; not sent unless set (reasoning models accept only the default). */
  temperature: z.number().min(0).max(2).optional(),
  /** Upper bound on generated tokens; not sent unless set. */
  maxCompletionTokens: z.number().int().positive().optional(),
  timeoutMs: timeoutSchema.optional(),
});
export type OpenAIScriptSettings = z.input<typeof openAIScriptSettingsSchema>;

export const openAIVoiceSettingsSchema = z.strictObject({
  /** Speech model, default `gpt-4o-mini-tts`. */
  model: z.string().min(1).optional(),
  /** Default voice when the brief names none (or names one OpenAI does not have). Default `alloy`. */
  voice: z.string().min(1).optional(),
  /** 0.25–4, default 1. */
  speed: z.number().min(0.25).max(4).optional(),
  /** Delivery instructions for gpt-4o-mini-tts; default: derived from the brief's tone. */
  instructions: z.string().min(1).max(4000).optional(),
  /** Silence between scenes in the narration, default 300 ms. */
  pauseMs: z.number().int().min(0).max(5000).optional(),
  /** Scenes synthesised at the same time, default 3. */
  concurrency: z.number().int().min(1).max(16).optional(),
  /**
   * How word timings are found: `transcription` (default) sends each scene's audio to
   * `/v1/audio/transcriptions` for word timestamps (same key, billed per minute, in usage);
   * `estimate` spreads the words over the speech by syllables, for free.
   */
  wordTimings: z.enum(['transcription', 'estimate']).optional(),
  /** Model for word timestamps, default `whisper-1` (the one that returns them). */
  transcriptionModel: z.string().min(1).optional(),
  timeoutMs: timeoutSchema.optional(),
});
export type OpenAIVoiceSettings = z.input<typeof openAIVoiceSettingsSchema>;

export const IMAGE_QUALITIES = ['low', 'medium', 'high', 'auto'] as const;

export const openAIVisualSettingsSchema = z.strictObject({
  /** Image model, default `gpt-image-1` (`gpt-image-1-mini`, `dall-e-3`, `dall-e-2` also work). */
  model: z.string().min(1).optional(),
  /** gpt-image quality, default `medium`; dall-e-3 maps `high` to `hd`, the rest to `standard`. */
  quality: z.enum(IMAGE_QUALITIES).optional(),
  timeoutMs: timeoutSchema.optional(),
});
export type OpenAIVisualSettings = z.input<typeof openAIVisualSettingsSchema>;

export const openAISettingsSchema = z.strictObject({
  /** Default: `OPENAI_API_KEY`, read when the first call is made. */
  apiKey: z.string().min(1).optional(),
  /** Must include `/v1`. Default: `OPENAI_BASE_URL`, else `https://api.openai.com/v1`. */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  organization: z.string().min(1).optional(),
  project: z.string().min(1).optional(),
  /** Extra headers sent with every request. */
  headers: z.record(z.string(), z.string()).optional(),
  /** A fetch implementation (proxies, tests). */
  fetch: fetchSchema.optional(),
  /** Per-request timeout, default 120 s. Each attempt gets the full timeout; the runner retries. */
  timeoutMs: timeoutSchema.optional(),
  /** Script model, see `OpenAIScriptSettings.model`. */
  model: z.string().min(1).optional(),
  script: openAIScriptSettingsSchema.optional(),
  voice: openAIVoiceSettingsSchema.optional(),
  visual: openAIVisualSettingsSchema.optional(),
  /** Price entries per model merged over the built-in table, for `usage.costUsd`. */
  pricing: openAIPricingOverridesSchema.optional(),
});
export type OpenAISettings = z.input<typeof openAISettingsSchema>;
export type ResolvedOpenAISettings = z.output<typeof openAISettingsSchema>;

/** `providerOptions.openai` of a script call. Unknown keys become warnings, not errors. */
export const openAIScriptCallOptionsSchema = z.object({
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
});

export const openAIVoiceCallOptionsSchema = z.object({
  model: z.string().min(1).optional(),
  voice: z.string().min(1).optional(),
  speed: z.number().min(0.25).max(4).optional(),
  instructions: z.string().min(1).max(4000).optional(),
});

export const openAIVisualCallOptionsSchema = z.object({
  model: z.string().min(1).optional(),
  quality: z.enum(IMAGE_QUALITIES).optional(),
});
