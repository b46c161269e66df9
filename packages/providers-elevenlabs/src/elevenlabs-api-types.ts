import { z } from 'zod';

// Lenient on purpose: ElevenLabs adding a field must never break us.

/* ---------- On the wire (snake_case), as ElevenLabs sends it ---------- */

/** `CharacterAlignmentResponseModel`: parallel arrays, one entry per character (spaces included). */
export const elevenLabsCharacterAlignmentWireSchema = z.object({
  characters: z.array(z.string()),
  character_start_times_seconds: z.array(z.number()),
  character_end_times_seconds: z.array(z.number()),
});
export type ElevenLabsCharacterAlignmentWire = z.infer<typeof elevenLabsCharacterAlignmentWireSchema>;

/** `POST /v1/text-to-speech/{voice_id}/with-timestamps` response. */
export const elevenLabsSpeechWithTimestampsWireSchema = z.object({
  audio_base64: z.string(),
  alignment: elevenLabsCharacterAlignmentWireSchema.nullish(),
  normalized_alignment: elevenLabsCharacterAlignmentWireSchema.nullish(),
});
export type ElevenLabsSpeechWithTimestampsWire = z.infer<typeof elevenLabsSpeechWithTimestampsWireSchema>;

/** One entry of `GET /v1/voices`. */
export const elevenLabsVoiceWireSchema = z.object({
  voice_id: z.string(),
  name: z.string().nullish(),
  category: z.string().nullish(),
  labels: z.record(z.string(), z.string()).nullish(),
  description: z.string().nullish(),
  preview_url: z.string().nullish(),
});
export type ElevenLabsVoiceWire = z.infer<typeof elevenLabsVoiceWireSchema>;

/** FastAPI validation issue, inside a 422 `detail` array. */
export const elevenLabsValidationIssueSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])).nullish(),
  msg: z.string().nullish(),
  type: z.string().nullish(),
});

/** Every other error: `{"detail": {"status": "quota_exceeded", "message": "…"}}`. */
export const elevenLabsErrorDetailSchema = z.object({
  status: z.string().nullish(),
  message: z.string().nullish(),
  code: z.string().nullish(),
  type: z.string().nullish(),
});

export const elevenLabsErrorBodySchema = z.object({
  detail: z.union([z.array(elevenLabsValidationIssueSchema), elevenLabsErrorDetailSchema, z.string()]).nullish(),
});
export type ElevenLabsErrorBody = z.infer<typeof elevenLabsErrorBodySchema>;

/* ---------- As `@elevenlabs/elevenlabs-js` hands them back (camelCase) ---------- */

export const characterAlignmentSchema = z.object({
  characters: z.array(z.string()),
  characterStartTimesSeconds: z.array(z.number()),
  characterEndTimesSeconds: z.array(z.number()),
});
export type CharacterAlignment = z.infer<typeof characterAlignmentSchema>;

export const speechWithTimestampsSchema = z.object({
  audioBase64: z.string(),
  alignment: characterAlignmentSchema.nullish(),
  normalizedAlignment: characterAlignmentSchema.nullish(),
});
export type SpeechWithTimestamps = z.infer<typeof speechWithTimestampsSchema>;

export const voiceSchema = z.object({
  voiceId: z.string().min(1),
  name: z.string().nullish(),
  category: z.string().nullish(),
});
export type ElevenLabsVoice = z.infer<typeof voiceSchema>;

export const voicesResponseSchema = z.object({ voices: z.array(voiceSchema) });
