import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import type { ElevenLabsVoiceSettings } from './elevenlabs-options.js';
import type { ClipRequest } from './plan-requests.js';

/** The body of one `/with-timestamps` request, as the SDK takes it (camelCase). */
export type ElevenLabsSpeechBody = Parameters<ElevenLabsClient['textToSpeech']['convertWithTimestamps']>[1];

/** What every request of one call shares. */
export interface SharedRequestFields {
  modelId: string;
  outputFormat: ElevenLabsSpeechBody['outputFormat'];
  voiceSettings?: ElevenLabsSpeechBody['voiceSettings'];
  languageCode?: string;
  seed?: number;
}

/** One request's body: the shared fields, its text and its stitching context; absent options are left out. */
export function requestBodyFor(shared: SharedRequestFields, request: ClipRequest): ElevenLabsSpeechBody {
  const { modelId, outputFormat, voiceSettings, languageCode, seed } = shared;
  return {
    text: request.text,
    modelId,
    outputFormat,
    ...(voiceSettings ? { voiceSettings } : {}),
    ...(languageCode ? { languageCode } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(request.previousText ? { previousText: request.previousText } : {}),
    ...(request.nextText ? { nextText: request.nextText } : {}),
  };
}

/** Layers voice settings (later wins) and renames them from the wire's snake_case to the SDK's camelCase. */
export function mergeVoiceSettings(...layers: Array<ElevenLabsVoiceSettings | undefined>) {
  const merged: ElevenLabsVoiceSettings = Object.assign({}, ...layers.filter(Boolean));
  if (Object.keys(merged).length === 0) return undefined;
  return {
    ...(merged.stability !== undefined ? { stability: merged.stability } : {}),
    ...(merged.similarity_boost !== undefined ? { similarityBoost: merged.similarity_boost } : {}),
    ...(merged.style !== undefined ? { style: merged.style } : {}),
    ...(merged.use_speaker_boost !== undefined ? { useSpeakerBoost: merged.use_speaker_boost } : {}),
    ...(merged.speed !== undefined ? { speed: merged.speed } : {}),
  };
}
