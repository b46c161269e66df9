import { loadSetting } from '@looply/core/provider-utils';
import { DEFAULT_ELEVENLABS_MODEL_ID, type ResolvedElevenLabsSettings } from './elevenlabs-options.js';

// The settings ElevenLabs also takes from the environment, read at every call (never at import or
// construction), so a value set later is seen. The API key and base URL: see elevenlabs-client.ts.

/** The TTS model: the `modelId` setting, else `ELEVENLABS_MODEL_ID`, else the default. */
export function elevenLabsModelId(settings: ResolvedElevenLabsSettings): string {
  return (
    loadSetting({ settingValue: settings.modelId, environmentVariableName: 'ELEVENLABS_MODEL_ID' }) ??
    DEFAULT_ELEVENLABS_MODEL_ID
  );
}

/** `ELEVENLABS_VOICE_ID`, when set: a voice id, or a name to look up. */
export function elevenLabsVoiceFromEnvironment(): string | undefined {
  return loadSetting({ settingValue: undefined, environmentVariableName: 'ELEVENLABS_VOICE_ID' });
}
