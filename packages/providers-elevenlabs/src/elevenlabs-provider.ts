import { parseWith, type LooplyPlugin } from '@looply/core';
import { ElevenLabsVoiceModel } from './elevenlabs-voice-model.js';
import { elevenLabsSettingsSchema, type ElevenLabsSettings } from './elevenlabs-options.js';

export interface ElevenLabsProvider {
  /** The voice provider, id `elevenlabs`. One instance: its concurrency limit and voice list are shared by every call. */
  readonly voice: ElevenLabsVoiceModel;
}

/**
 * Creates the ElevenLabs provider. Settings are checked now; the API key, base URL, voice and
 * model are read from the environment only when the first request is made.
 */
export function createElevenLabs(settings: ElevenLabsSettings = {}): ElevenLabsProvider {
  const resolved = parseWith(elevenLabsSettingsSchema, settings, 'ElevenLabs settings');
  return { voice: new ElevenLabsVoiceModel(resolved) };
}

/** Registers the ElevenLabs voice provider (`elevenlabs`). */
export function elevenlabsPlugin(settings: ElevenLabsSettings = {}): LooplyPlugin {
  return {
    name: '@looply/providers-elevenlabs',
    register(registry) {
      registry.register(createElevenLabs(settings).voice);
    },
  };
}
