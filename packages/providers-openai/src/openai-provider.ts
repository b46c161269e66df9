import { parseWith, type LooplyPlugin } from '@looply/core';
import { OpenAIClientFactory } from './openai-client.js';
import { OPENAI_PROVIDER_ID } from './openai-error.js';
import {
  DEFAULT_IMAGE_TIMEOUT_MS,
  DEFAULT_TIMEOUT_MS,
  openAISettingsSchema,
  openAIVisualSettingsSchema,
  openAIVoiceSettingsSchema,
  type OpenAISettings,
  type OpenAIVisualSettings,
  type OpenAIVoiceSettings,
} from './openai-options.js';
import { mergePricing } from './openai-pricing.js';
import { OpenAIScriptModel } from './openai-script-model.js';
import { OpenAIVisualModel } from './openai-visual-model.js';
import { OpenAIVoiceModel } from './openai-voice-model.js';

export interface OpenAIProvider {
  /** Script writer on Chat Completions. Model: the argument, else settings, else `OPENAI_MODEL`, else `gpt-4o-mini`. */
  script(modelId?: string): OpenAIScriptModel;
  /** Voice on `/v1/audio/speech`: a model id, or settings that override `createOpenAI({ voice })`. */
  voice(modelIdOrSettings?: string | OpenAIVoiceSettings): OpenAIVoiceModel;
  /** Scene stills on `/v1/images/generations`: a model id, or settings that override `createOpenAI({ visual })`. */
  visual(modelIdOrSettings?: string | OpenAIVisualSettings): OpenAIVisualModel;
}

/**
 * The OpenAI provider factory. Nothing is read from the environment until a model makes its
 * first call (then `OPENAI_API_KEY`, `OPENAI_BASE_URL` and `OPENAI_MODEL`).
 */
export function createOpenAI(settings: OpenAISettings = {}): OpenAIProvider {
  const resolved = parseWith(openAISettingsSchema, settings, 'createOpenAI settings');
  const clients = new OpenAIClientFactory(resolved);
  const pricing = mergePricing(resolved.pricing);
  const timeoutMs = resolved.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return {
    script(modelId) {
      const script = resolved.script ?? {};
      return new OpenAIScriptModel({
        clients,
        pricing,
        modelId: modelId ?? script.model ?? resolved.model,
        temperature: script.temperature,
        maxCompletionTokens: script.maxCompletionTokens,
        timeoutMs: script.timeoutMs ?? timeoutMs,
      });
    },
    voice(modelIdOrSettings) {
      const voiceSettings = typeof modelIdOrSettings === 'string' ? { model: modelIdOrSettings } : modelIdOrSettings;
      const merged = {
        ...resolved.voice,
        ...parseWith(openAIVoiceSettingsSchema, voiceSettings ?? {}, 'createOpenAI().voice settings'),
      };
      return new OpenAIVoiceModel({ clients, pricing, ...merged, timeoutMs: merged.timeoutMs ?? timeoutMs });
    },
    visual(modelIdOrSettings) {
      const visualSettings = typeof modelIdOrSettings === 'string' ? { model: modelIdOrSettings } : modelIdOrSettings;
      const merged = {
        ...resolved.visual,
        ...parseWith(openAIVisualSettingsSchema, visualSettings ?? {}, 'createOpenAI().visual settings'),
      };
      return new OpenAIVisualModel({
        clients,
        pricing,
        model: merged.model,
        quality: merged.quality,
        timeoutMs: merged.timeoutMs ?? resolved.timeoutMs ?? DEFAULT_IMAGE_TIMEOUT_MS,
        fetch: resolved.fetch,
      });
    },
  };
}

/** Registers the OpenAI script, voice and visual providers under the id `openai`. */
export function openaiPlugin(settings: OpenAISettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-openai',
    register(registry) {
      const openai = createOpenAI(settings);
      registry.register(openai.script());
      registry.register(openai.voice());
      registry.register(openai.visual());
    },
  };
}

export { OPENAI_PROVIDER_ID };
