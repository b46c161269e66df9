import type { WarningV1 } from '@looply/core';
import type { OpenAISpeechRequest } from './openai-api-types.js';
import { OPENAI_VOICES } from './openai-options.js';

type SpeechVoice = OpenAISpeechRequest['voice'];

/** The requested voice if OpenAI has it (a built-in name or a custom `voice_…` id), else the default with a warning. */
export function resolveOpenAIVoice(
  requested: string | undefined,
  fallback: string,
): { voice: SpeechVoice; warnings: WarningV1[] } {
  const asVoice = (name: string): SpeechVoice | undefined => {
    const lower = name.trim().toLowerCase();
    if ((OPENAI_VOICES as readonly string[]).includes(lower)) return lower;
    if (/^voice_[A-Za-z0-9]+$/.test(name.trim())) return { id: name.trim() };
    return undefined;
  };
  const fallbackVoice = asVoice(fallback) ?? fallback;
  if (requested === undefined) return { voice: fallbackVoice, warnings: [] };
  const voice = asVoice(requested);
  if (voice !== undefined) return { voice, warnings: [] };
  return {
    voice: fallbackVoice,
    warnings: [
      {
        type: 'unsupported-setting',
        setting: 'voice',
        details: `"${requested}" is not an OpenAI voice (${OPENAI_VOICES.join(', ')}); using "${typeof fallbackVoice === 'string' ? fallbackVoice : fallbackVoice.id}"`,
      },
    ],
  };
}
