import {
  ProviderError,
  type SceneTiming,
  type UsageV1,
  type VoiceCallOptionsV1,
  type VoiceResultV1,
  type WarningV1,
  type WordTiming,
} from '@looply/core';
import { estimateWords, wordsFromAlignment } from './alignment-to-words.js';
import { ELEVENLABS_PROVIDER_ID } from './elevenlabs-error.js';
import { pcmToWav } from './pcm-audio.js';
import type { ClipRequest } from './plan-requests.js';
import type { SynthesisedClip } from './synthesis-cache.js';

export interface NarrationParts {
  requests: ClipRequest[];
  clips: SynthesisedClip[];
  sceneCount: number;
  sampleRate: number;
  /** USD per 1,000 characters; no cost is reported when unknown. */
  pricePerThousandCharacters: number | undefined;
  warnings: WarningV1[];
  options: VoiceCallOptionsV1;
}

/**
 * Clips → one narration. Each clip is raw PCM, so its exact duration is known: scene boundaries
 * are where the clips meet, and each clip's character alignment, offset by the audio before it,
 * gives word timings matching the spoken words. Stores the WAV and reports usage.
 */
export async function assembleNarration(parts: NarrationParts): Promise<VoiceResultV1> {
  const { requests, clips, sampleRate, warnings, options } = parts;
  const words: WordTiming[] = [];
  const scenes: SceneTiming[] = Array.from({ length: parts.sceneCount }, () => ({ startSec: 0, endSec: 0 }));
  let offsetSamples = 0;
  let exact = true;
  let usedNormalized = false;
  for (const [index, request] of requests.entries()) {
    const clip = clips[index];
    const samples = Math.floor(clip.pcm.length / 2);
    const placement = {
      offsetSec: offsetSamples / sampleRate,
      durationSec: samples / sampleRate,
      sceneIndex: request.sceneIndex,
    };
    const alignment = usable(clip.alignment) ?? usable(clip.normalizedAlignment);
    if (!usable(clip.alignment) && alignment) usedNormalized = true;
    if (alignment) words.push(...wordsFromAlignment(alignment, placement));
    else {
      exact = false;
      words.push(...estimateWords(request.text, placement));
    }
    const isFirstOfScene = index === 0 || requests[index - 1].sceneIndex !== request.sceneIndex;
    if (isFirstOfScene) scenes[request.sceneIndex].startSec = placement.offsetSec;
    offsetSamples += samples;
    scenes[request.sceneIndex].endSec = offsetSamples / sampleRate;
  }
  if (usedNormalized) {
    warnings.push({
      type: 'other',
      message:
        'ElevenLabs sent only the normalized alignment for some clips: their captions show the normalized text (e.g. numbers spelled out)',
    });
  }
  if (!exact) {
    warnings.push({
      type: 'other',
      message: 'ElevenLabs sent no character alignment for some clips: their word timings are estimated',
    });
  }
  const durationSec = offsetSamples / sampleRate;
  if (durationSec <= 0) {
    throw new ProviderError({
      provider: ELEVENLABS_PROVIDER_ID,
      message: 'ElevenLabs returned no audio for the narration',
      retryable: false,
      code: 'empty-audio',
    });
  }

  const wav = pcmToWav(Buffer.concat(clips.map((clip) => clip.pcm)), sampleRate);
  const audio = await options.artifacts.put(`${options.artifactPrefix.replace(/\/+$/, '')}/narration.wav`, wav, {
    contentType: 'audio/wav',
  });

  const characters = clips.reduce((sum, clip) => sum + clip.characters, 0);
  const price = parts.pricePerThousandCharacters;
  const usage: UsageV1 = { characters, audioSeconds: durationSec };
  if (price !== undefined) usage.costUsd = Math.round((characters / 1000) * price * 1e6) / 1e6;

  return {
    narration: { audio, durationSec, scenes, words, wordTimingsExact: exact },
    usage,
    warnings,
  };
}

/** An alignment with at least one non-blank character, else undefined. */
function usable(alignment: SynthesisedClip['alignment']): NonNullable<SynthesisedClip['alignment']> | undefined {
  return alignment && alignment.characters.some((character) => character.trim()) ? alignment : undefined;
}
