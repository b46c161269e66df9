import { z } from 'zod';

/*
 * List prices in US dollars, used to estimate `usage.costUsd`. They drift: override them with
 * `createOpenAI({ pricing })`. Snapshot: OpenAI pricing page, 2025.
 */

export const chatPriceSchema = z.strictObject({
  inputPerMillionTokens: z.number().min(0),
  outputPerMillionTokens: z.number().min(0),
});
export type ChatPrice = z.infer<typeof chatPriceSchema>;

/** Speech is billed per character (tts-1) or, for gpt-4o-mini-tts, by tokens that work out per minute of audio. */
export const speechPriceSchema = z.union([
  z.strictObject({ perMillionCharacters: z.number().min(0) }),
  z.strictObject({ perAudioMinute: z.number().min(0) }),
]);
export type SpeechPrice = z.infer<typeof speechPriceSchema>;

/** Dollars per image by quality, then by size (`1024x1536`). */
export const imagePriceSchema = z.record(z.string(), z.record(z.string(), z.number().min(0)));
export type ImagePrice = z.infer<typeof imagePriceSchema>;

/** Transcription (used to time the narration's words) is billed per minute of audio. */
export const transcriptionPriceSchema = z.strictObject({ perAudioMinute: z.number().min(0) });

export const openAIPricingSchema = z.strictObject({
  chat: z.record(z.string(), chatPriceSchema),
  speech: z.record(z.string(), speechPriceSchema),
  images: z.record(z.string(), imagePriceSchema),
  transcription: z.record(z.string(), transcriptionPriceSchema),
});
export type OpenAIPricing = z.infer<typeof openAIPricingSchema>;

/** What `createOpenAI({ pricing })` accepts: entries per model, merged over the defaults. */
export const openAIPricingOverridesSchema = openAIPricingSchema.partial();
export type OpenAIPricingOverrides = z.infer<typeof openAIPricingOverridesSchema>;

const gptImagePrices = (low: [number, number], medium: [number, number], high: [number, number]): ImagePrice => ({
  low: { '1024x1024': low[0], '1024x1536': low[1], '1536x1024': low[1] },
  medium: { '1024x1024': medium[0], '1024x1536': medium[1], '1536x1024': medium[1] },
  high: { '1024x1024': high[0], '1024x1536': high[1], '1536x1024': high[1] },
});

export const DEFAULT_OPENAI_PRICING: OpenAIPricing = {
  chat: {
    'gpt-4o-mini': { inputPerMillionTokens: 0.15, outputPerMillionTokens: 0.6 },
    'gpt-4o': { inputPerMillionTokens: 2.5, outputPerMillionTokens: 10 },
    'gpt-4.1': { inputPerMillionTokens: 2, outputPerMillionTokens: 8 },
    'gpt-4.1-mini': { inputPerMillionTokens: 0.4, outputPerMillionTokens: 1.6 },
    'gpt-4.1-nano': { inputPerMillionTokens: 0.1, outputPerMillionTokens: 0.4 },
    'gpt-5': { inputPerMillionTokens: 1.25, outputPerMillionTokens: 10 },
    'gpt-5-mini': { inputPerMillionTokens: 0.25, outputPerMillionTokens: 2 },
    'gpt-5-nano': { inputPerMillionTokens: 0.05, outputPerMillionTokens: 0.4 },
  },
  speech: {
    'tts-1': { perMillionCharacters: 15 },
    'tts-1-hd': { perMillionCharacters: 30 },
    'gpt-4o-mini-tts': { perAudioMinute: 0.015 },
  },
  images: {
    'gpt-image-1': gptImagePrices([0.011, 0.016], [0.042, 0.063], [0.167, 0.25]),
    'gpt-image-1-mini': gptImagePrices([0.005, 0.006], [0.011, 0.015], [0.036, 0.052]),
    'dall-e-3': {
      standard: { '1024x1024': 0.04, '1024x1792': 0.08, '1792x1024': 0.08 },
      hd: { '1024x1024': 0.08, '1024x1792': 0.12, '1792x1024': 0.12 },
    },
    'dall-e-2': { standard: { '1024x1024': 0.02, '512x512': 0.018, '256x256': 0.016 } },
  },
  transcription: {
    'whisper-1': { perAudioMinute: 0.006 },
    'gpt-4o-transcribe': { perAudioMinute: 0.006 },
    'gpt-4o-mini-transcribe': { perAudioMinute: 0.003 },
  },
};

export function mergePricing(overrides: OpenAIPricingOverrides | undefined): OpenAIPricing {
  return {
    chat: { ...DEFAULT_OPENAI_PRICING.chat, ...overrides?.chat },
    speech: { ...DEFAULT_OPENAI_PRICING.speech, ...overrides?.speech },
    images: { ...DEFAULT_OPENAI_PRICING.images, ...overrides?.images },
    transcription: { ...DEFAULT_OPENAI_PRICING.transcription, ...overrides?.transcription },
  };
}

/**
 * The price entry for a model id: an exact match, else the longest known id the model starts
 * with, so dated snapshots (`gpt-4o-mini-2024-07-18`) find their family.
 */
export function findModelPrice<Price>(table: Record<string, Price>, modelId: string): Price | undefined {
  if (table[modelId]) return table[modelId];
  const family = Object.keys(table)
    .filter((known) => modelId.startsWith(`${known}-`))
    .sort((a, b) => b.length - a.length)[0];
  return family === undefined ? undefined : table[family];
}

/** Rounds to a micro-dollar so sums of many small calls stay readable. */
function roundUsd(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function chatCostUsd(
  pricing: OpenAIPricing,
  modelId: string,
  inputTokens: number,
  outputTokens: number,
): number | undefined {
  const price = findModelPrice(pricing.chat, modelId);
  if (!price) return undefined;
  return roundUsd((inputTokens * price.inputPerMillionTokens + outputTokens * price.outputPerMillionTokens) / 1e6);
}

export function speechCostUsd(
  pricing: OpenAIPricing,
  modelId: string,
  characters: number,
  audioSeconds: number,
): number | undefined {
  const price = findModelPrice(pricing.speech, modelId);
  if (!price) return undefined;
  if ('perMillionCharacters' in price) return roundUsd((characters * price.perMillionCharacters) / 1e6);
  return roundUsd((audioSeconds / 60) * price.perAudioMinute);
}

export function imageCostUsd(
  pricing: OpenAIPricing,
  modelId: string,
  quality: string,
  size: string,
): number | undefined {
  const price = findModelPrice(pricing.images, modelId);
  return price?.[quality]?.[size];
}

export function transcriptionCostUsd(
  pricing: OpenAIPricing,
  modelId: string,
  audioSeconds: number,
): number | undefined {
  const price = findModelPrice(pricing.transcription, modelId);
  return price ? roundUsd((audioSeconds / 60) * price.perAudioMinute) : undefined;
}
