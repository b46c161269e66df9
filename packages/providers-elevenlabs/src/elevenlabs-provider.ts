import { parseWith, type LooplyPlugin } from '@looply/core';
import { ElevenLabsVoiceModel } from './elevenlabs-voice-model.js';
import { elevenLabsSettingsSchema, type ElevenLabsSettings } from './elevenlabs-options.js';

export interface ElevenLabsProvider {
  /**
   * The voice provider, id `elevenlabs`, on `modelId` (else the settings', else `ELEVENLABS_MODEL_ID`, else the
   * default). One instance per model id: its concurrency limit and voice list are shared by every call.
   */
  voice(modelId?: string): ElevenLabsVoiceModel;
}

/**
 * Creates the ElevenLabs provider. Settings are checked now; the API key, base URL, voice and
 * model are read from the environment only when the first request is made.
 */
export function createElevenLabs(settings: ElevenLabsSettings = {}): ElevenLabsProvider {
  const resolved = parseWith(elevenLabsSettingsSchema, settings, 'ElevenLabs settings');
  const models = new Map<string | undefined, ElevenLabsVoiceModel>();
  return {
    voice(modelId) {
      let model = models.get(modelId);
      if (!model) {
        model = new ElevenLabsVoiceModel(modelId === undefined ? resolved : { ...resolved, modelId });
        models.set(modelId, model);
      }
      return model;
    },
  };
}

/** Registers the ElevenLabs voice provider (`elevenlabs`). */
export function elevenlabsPlugin(settings: ElevenLabsSettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-elevenlabs',
    register(registry) {
      registry.register(createElevenLabs(settings).voice());
    },
  };
}
