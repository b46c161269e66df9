import type { VoiceCallOptionsV1, WarningV1 } from '@looply/core';
import { elevenLabsVoiceFromEnvironment } from './elevenlabs-environment.js';
import {
  DEFAULT_ELEVENLABS_VOICE_ID,
  type ElevenLabsCallOptions,
  type ResolvedElevenLabsSettings,
} from './elevenlabs-options.js';
import { looksLikeVoiceId, type VoiceCatalogue } from './voice-catalogue.js';

export interface ResolvedVoice {
  voiceId: string;
  /** Where the voice came from, so an error says what to fix. */
  source: string;
}

/**
 * The voice of one call, first found of: the call's provider options, the brief, the provider's
 * settings, `ELEVENLABS_VOICE_ID` (read at call time), else the default premade voice with a warning.
 */
export async function resolveVoice(
  call: ElevenLabsCallOptions,
  options: VoiceCallOptionsV1,
  warnings: WarningV1[],
  context: { settings: ResolvedElevenLabsSettings; catalogue: VoiceCatalogue },
): Promise<ResolvedVoice> {
  const { settings, catalogue } = context;
  const byName = async (name: string, source: string): Promise<ResolvedVoice> => ({
    voiceId: await catalogue.idForName(name, options.abortSignal),
    source: `${source} "${name}"`,
  });
  const byIdOrName = (value: string, source: string) =>
    looksLikeVoiceId(value) ? Promise.resolve({ voiceId: value, source }) : byName(value, source);

  if (call.voiceId) return { voiceId: call.voiceId, source: 'providerOptions.elevenlabs.voiceId' };
  if (call.voiceName) return byName(call.voiceName, 'providerOptions.elevenlabs.voiceName');
  const requested = options.voice ?? options.brief.voice;
  if (requested) return byIdOrName(requested, "the brief's voice");
  // A name given where an id is expected (say ELEVENLABS_VOICE_ID=Rachel) is looked up rather than sent as an id.
  if (settings.voiceId) return byIdOrName(settings.voiceId, 'the voiceId setting / ELEVENLABS_VOICE_ID');
  if (settings.voiceName) return byName(settings.voiceName, 'the voiceName setting');
  const fromEnvironment = elevenLabsVoiceFromEnvironment();
  if (fromEnvironment) return byIdOrName(fromEnvironment, 'ELEVENLABS_VOICE_ID');
  warnings.push({
    type: 'other',
    message: `No ElevenLabs voice configured (brief voice, voiceId setting or ELEVENLABS_VOICE_ID): used the premade voice ${DEFAULT_ELEVENLABS_VOICE_ID}`,
  });
  return { voiceId: DEFAULT_ELEVENLABS_VOICE_ID, source: 'the default premade voice' };
}
