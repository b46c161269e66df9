import { z } from 'zod';

/** The premade voice used when no voice is configured anywhere ("George"). */
export const DEFAULT_ELEVENLABS_VOICE_ID = 'JBFqnCBsd6RMkjVDRZzb';

export const DEFAULT_ELEVENLABS_MODEL_ID = 'eleven_multilingual_v2';

/**
 * Raw 16-bit PCM formats only: their byte count gives each clip's exact duration, and clips
 * concatenate sample-accurately. 44.1 and 48 kHz need a Pro plan or higher.
 */
export const ELEVENLABS_PCM_FORMATS = [
  'pcm_8000',
  'pcm_16000',
  'pcm_22050',
  'pcm_24000',
  'pcm_32000',
  'pcm_44100',
  'pcm_48000',
] as const;
export type ElevenLabsPcmFormat = (typeof ELEVENLABS_PCM_FORMATS)[number];

/** Available on every plan; 24 kHz is the models' native rate. */
export const DEFAULT_ELEVENLABS_OUTPUT_FORMAT: ElevenLabsPcmFormat = 'pcm_24000';

/** Per-request character limits from ElevenLabs' model documentation. */
export const ELEVENLABS_MODEL_CHARACTER_LIMITS: Record<string, number> = {
  eleven_v3: 3_000,
  eleven_multilingual_v2: 10_000,
  eleven_flash_v2_5: 40_000,
  eleven_turbo_v2_5: 40_000,
  eleven_flash_v2: 30_000,
  eleven_turbo_v2: 30_000,
};

/** Models that honour `language_code`; the others detect the language from the text. */
export const ELEVENLABS_MODELS_WITH_LANGUAGE_CODE: ReadonlySet<string> = new Set([
  'eleven_flash_v2_5',
  'eleven_turbo_v2_5',
]);

/** Published API prices in USD per 1,000 characters (2025–2026); a cost estimate, not an invoice. */
export const ELEVENLABS_PRICE_PER_THOUSAND_CHARACTERS: Record<string, number> = {
  eleven_v3: 0.1,
  eleven_multilingual_v2: 0.1,
  eleven_flash_v2_5: 0.05,
  eleven_turbo_v2_5: 0.05,
  eleven_flash_v2: 0.05,
  eleven_turbo_v2: 0.05,
};

export const elevenLabsVoiceSettingsSchema = z.strictObject({
  stability: z.number().min(0).max(1).optional(),
  similarity_boost: z.number().min(0).max(1).optional(),
  style: z.number().min(0).max(1).optional(),
  use_speaker_boost: z.boolean().optional(),
  /** 1.0 is normal speed; ElevenLabs documents 0.7–1.2. */
  speed: z.number().min(0.7).max(1.2).optional(),
});
export type ElevenLabsVoiceSettings = z.infer<typeof elevenLabsVoiceSettingsSchema>;

const functionSchema = <F extends (...parameters: never[]) => unknown>(name: string) =>
  z.custom<F>((value) => typeof value === 'function', { message: `${name} must be a function` });

export const elevenLabsSettingsSchema = z.strictObject({
  /** Defaults to `ELEVENLABS_API_KEY`, read when the first request is made. */
  apiKey: z.string().min(1).optional(),
  /** Host root such as `https://api.eu.residency.elevenlabs.io`; defaults to `ELEVENLABS_BASE_URL`, then production. */
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  /** Extra headers sent with every request. */
  headers: z.record(z.string(), z.string()).optional(),
  /** A fetch implementation, e.g. to add tracing. */
  fetch: functionSchema<typeof globalThis.fetch>('fetch').optional(),
  /** Voice id; defaults to the call's voice, then `ELEVENLABS_VOICE_ID`, then a premade voice. */
  voiceId: z.string().min(1).optional(),
  /** Voice name, resolved once through `GET /v1/voices`. */
  voiceName: z.string().min(1).optional(),
  /** Defaults to `ELEVENLABS_MODEL_ID`, then `eleven_multilingual_v2`. */
  modelId: z.string().min(1).optional(),
  voiceSettings: elevenLabsVoiceSettingsSchema.optional(),
  outputFormat: z.enum(ELEVENLABS_PCM_FORMATS).default(DEFAULT_ELEVENLABS_OUTPUT_FORMAT),
  /** Requests in flight at once across every call of this provider instance (the plan's concurrency limit). */
  maxConcurrency: z.number().int().min(1).max(64).default(2),
  /** Longest text per request; defaults to the model's documented limit (10,000 for multilingual v2). */
  maxCharactersPerRequest: z.number().int().min(50).max(40_000).optional(),
  /** For the cost estimate; defaults to the model's published API price. */
  pricePerThousandCharacters: z.number().min(0).optional(),
  /** Per-request timeout. */
  timeoutMs: z.number().int().min(1_000).max(600_000).default(180_000),
});

/** What `createElevenLabs` accepts. */
export type ElevenLabsSettings = z.input<typeof elevenLabsSettingsSchema>;
/** Settings with defaults applied. */
export type ResolvedElevenLabsSettings = z.output<typeof elevenLabsSettingsSchema>;

/** Per-call overrides: `providerOptions: { elevenlabs: { … } }`. */
export const elevenLabsCallOptionsSchema = z.strictObject({
  voiceId: z.string().min(1).optional(),
  voiceName: z.string().min(1).optional(),
  modelId: z.string().min(1).optional(),
  voiceSettings: elevenLabsVoiceSettingsSchema.optional(),
  /** Best-effort determinism (0–4294967295). */
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
});
export type ElevenLabsCallOptions = z.infer<typeof elevenLabsCallOptionsSchema>;

export function sampleRateOf(format: ElevenLabsPcmFormat): number {
  return Number(format.slice('pcm_'.length));
}
