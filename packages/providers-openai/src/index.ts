export { createOpenAI, openaiPlugin, OPENAI_PROVIDER_ID, type OpenAIProvider } from './openai-provider.js';
export { OpenAIScriptModel, type OpenAIScriptModelConfig } from './openai-script-model.js';
export { OpenAIVoiceModel, type OpenAIVoiceModelConfig } from './openai-voice-model.js';
export { resolveOpenAIVoice } from './resolve-openai-voice.js';
export { OpenAIVisualModel, type OpenAIVisualModelConfig } from './openai-visual-model.js';
export {
  openAISettingsSchema,
  openAIScriptSettingsSchema,
  openAIVoiceSettingsSchema,
  openAIVisualSettingsSchema,
  OPENAI_VOICES,
  DEFAULT_SCRIPT_MODEL,
  DEFAULT_SPEECH_MODEL,
  DEFAULT_SPEECH_VOICE,
  DEFAULT_IMAGE_MODEL,
  type OpenAISettings,
  type OpenAIScriptSettings,
  type OpenAIVoiceSettings,
  type OpenAIVisualSettings,
  type OpenAIVoice,
} from './openai-options.js';
export { DEFAULT_OPENAI_PRICING, type OpenAIPricing, type OpenAIPricingOverrides } from './openai-pricing.js';
export { mapOpenAIError, retryAfterMsFromHeaders } from './openai-error.js';
export { toStrictJsonSchema } from './strict-json-schema.js';
