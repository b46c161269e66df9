export { createElevenLabs, elevenlabsPlugin, type ElevenLabsProvider } from './elevenlabs-provider.js';
export { ElevenLabsVoiceModel } from './elevenlabs-voice-model.js';
export {
  DEFAULT_ELEVENLABS_MODEL_ID,
  DEFAULT_ELEVENLABS_OUTPUT_FORMAT,
  DEFAULT_ELEVENLABS_VOICE_ID,
  ELEVENLABS_MODEL_CHARACTER_LIMITS,
  ELEVENLABS_PCM_FORMATS,
  ELEVENLABS_PRICE_PER_THOUSAND_CHARACTERS,
  elevenLabsSettingsSchema,
  elevenLabsCallOptionsSchema,
  type ElevenLabsSettings,
  type ElevenLabsCallOptions,
  type ElevenLabsVoiceSettings,
  type ElevenLabsPcmFormat,
} from './elevenlabs-options.js';
export { ELEVENLABS_PROVIDER_ID } from './elevenlabs-error.js';
export type { ElevenLabsVoice } from './elevenlabs-api-types.js';
