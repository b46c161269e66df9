import { ProviderError, type WarningV1 } from '@looply/core';
import type { EspeakVoiceCatalogue } from './espeak/espeak-voice-catalogue.js';

export interface VoiceChoice {
  /** The `-v` argument. */
  voice: string;
  warnings: WarningV1[];
}

/**
 * The requested espeak-ng voice when it exists; otherwise the language's voice, with a warning
 * when a voice was asked for. A language espeak-ng cannot speak is an error: another voice
 * would read the text with the wrong pronunciation rules.
 */
export function chooseVoice(catalogue: EspeakVoiceCatalogue, requested: string | undefined, language: string, engine: string): VoiceChoice {
  const resolved = requested === undefined ? undefined : catalogue.resolve(requested);
  if (resolved) return { voice: resolved, warnings: [] };
  const fallback = catalogue.voiceForLanguage(language);
  if (!fallback) {
    throw new ProviderError({
      provider: 'local',
      retryable: false,
      code: 'unsupported-language',
      message: `The ${engine} has no voice for language "${language}"${requested ? ` and no voice "${requested}"` : ''}; list its voices with "espeak-ng --voices".`,
    });
  }
  const warnings: WarningV1[] =
    requested === undefined
      ? []
      : [{ type: 'unsupported-setting', setting: 'voice', details: `espeak-ng has no voice "${requested}"; used "${fallback}", the voice for language "${language}".` }];
  return { voice: fallback, warnings };
}
