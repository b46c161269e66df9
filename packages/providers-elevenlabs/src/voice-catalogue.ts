import { AbortedError, ProviderError } from '@looply/core';
import type { ElevenLabsVoice } from './elevenlabs-api-types.js';
import { ELEVENLABS_PROVIDER_ID } from './elevenlabs-error.js';

/** ElevenLabs voice ids are 20 letters and digits, e.g. `JBFqnCBsd6RMkjVDRZzb`. */
export function looksLikeVoiceId(value: string): boolean {
  return /^[A-Za-z0-9]{20}$/.test(value);
}

/**
 * The account's voices, fetched once per provider instance (on first use by name) and then
 * looked up by name. A failed fetch is not cached, so the next call tries again.
 */
export class VoiceCatalogue {
  private voices?: Promise<ElevenLabsVoice[]>;

  /** `fetchVoices` runs without any one caller's abort signal, since its result is shared. */
  constructor(private readonly fetchVoices: () => Promise<ElevenLabsVoice[]>) {}

  list(abortSignal: AbortSignal): Promise<ElevenLabsVoice[]> {
    if (!this.voices) {
      const pending = this.fetchVoices();
      this.voices = pending;
      pending.catch(() => {
        if (this.voices === pending) this.voices = undefined;
      });
    }
    return untilAborted(this.voices, abortSignal);
  }

  /**
   * Matches case-insensitively, first the whole name, then the part before " - " (premade
   * voices are named like "George - Warm, Captivating Storyteller").
   */
  async idForName(name: string, abortSignal: AbortSignal): Promise<string> {
    const voices = await this.list(abortSignal);
    const wanted = name.trim().toLowerCase();
    const byName = voices.find((voice) => voice.name?.trim().toLowerCase() === wanted);
    const byShortName = voices.find((voice) => voice.name?.split(' - ')[0].trim().toLowerCase() === wanted);
    const byId = voices.find((voice) => voice.voiceId === name.trim());
    const match = byName ?? byShortName ?? byId;
    if (match) return match.voiceId;
    const available = voices
      .map((voice) => voice.name)
      .filter((voiceName): voiceName is string => Boolean(voiceName))
      .slice(0, 8);
    throw new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message:
        `ElevenLabs voice "${name}" is not among the ${voices.length} voices of this account` +
        (available.length ? `; available voices include: ${available.join(', ')}` : '') +
        '. Use one of those names or a voice id',
      retryable: false,
      code: 'voice_not_found',
    });
  }
}

function untilAborted<T>(promise: Promise<T>, abortSignal: AbortSignal): Promise<T> {
  if (abortSignal.aborted) return Promise.reject(new AbortedError('Aborted while listing ElevenLabs voices'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new AbortedError('Aborted while listing ElevenLabs voices'));
    abortSignal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        abortSignal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        abortSignal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
