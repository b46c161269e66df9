import { decodeWav, throwIfAborted, type WordTiming } from '@looply/core';
import { resampleLinear } from '../pcm-conversion.js';
import { findSilentGaps, findSpeechBounds, type SilentGap } from '../speech-activity.js';
import { pausesAt } from '../speaking-rate.js';
import { estimateWordTimings } from '../word-timing-estimate.js';
import type { EspeakEngine } from './espeak-engine.js';
import { espeakFailure } from './espeak-failure.js';

// A scene whose text makes no sound (only punctuation) still gets a short beat.
const SILENT_SCENE_SEC = 0.25;

export interface EspeakSceneSpeech {
  samples: Int16Array;
  sampleRate: number;
  /** Silences inside the speech, in seconds from its start. */
  gaps: SilentGap[];
}

/** One scene voiced by espeak-ng, its leading and trailing silence cut off so words start when speech starts. */
export async function espeakSceneSpeech(
  engine: EspeakEngine,
  text: string,
  voice: string,
  wordsPerMinute: number,
  sampleRate: number | undefined,
  abortSignal: AbortSignal,
  sceneIndex: number,
): Promise<EspeakSceneSpeech> {
  throwIfAborted(abortSignal);
  const wav = await engine.synthesize({ text, voice, wordsPerMinute, abortSignal });
  let decoded;
  try {
    decoded = decodeWav(wav, `espeak-ng output for scene ${sceneIndex}`);
  } catch (error) {
    throw espeakFailure(engine.description, (error as Error).message, error);
  }
  const audio = resampleLinear(decoded, sampleRate ?? decoded.sampleRate);
  const bounds = findSpeechBounds(audio.samples, audio.sampleRate);
  const samples = bounds
    ? audio.samples.subarray(bounds.start, bounds.end)
    : new Int16Array(Math.round(SILENT_SCENE_SEC * audio.sampleRate));
  return { samples, sampleRate: audio.sampleRate, gaps: bounds ? findSilentGaps(samples, audio.sampleRate) : [] };
}

/** espeak-ng reports no word times through this interface: they are estimated inside the scene, around its silences. */
export function espeakSceneWords(
  speech: EspeakSceneSpeech,
  text: string,
  sceneIndex: number,
  wordsPerMinute: number,
): WordTiming[] {
  const endSec = speech.samples.length / speech.sampleRate;
  return estimateWordTimings({ text, sceneIndex, startSec: 0, endSec, gaps: speech.gaps, ...pausesAt(wordsPerMinute) });
}
