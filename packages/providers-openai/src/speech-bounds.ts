import type { PcmAudio } from '@looply/core';

/** Window for the loudness measure, and the level (of full scale) above which a window counts as speech. */
const WINDOW_SEC = 0.01;
const SPEECH_RMS = 0.02;

/**
 * Where speech starts and ends in a clip, skipping leading and trailing silence. A clip with no
 * window above the threshold is treated as speech throughout.
 */
export function findSpeechBounds(audio: PcmAudio): { startSec: number; endSec: number } {
  const frames = audio.samples.length / audio.channels;
  const durationSec = frames / audio.sampleRate;
  const windowFrames = Math.max(1, Math.round(WINDOW_SEC * audio.sampleRate));
  const threshold = SPEECH_RMS * 32768;
  let first = -1;
  let last = -1;
  for (let window = 0; window * windowFrames < frames; window++) {
    const from = window * windowFrames * audio.channels;
    const to = Math.min(frames, (window + 1) * windowFrames) * audio.channels;
    let sumOfSquares = 0;
    for (let index = from; index < to; index++) sumOfSquares += audio.samples[index] * audio.samples[index];
    const rms = Math.sqrt(sumOfSquares / Math.max(1, to - from));
    if (rms >= threshold) {
      if (first < 0) first = window;
      last = window;
    }
  }
  if (first < 0) return { startSec: 0, endSec: durationSec };
  return {
    startSec: (first * windowFrames) / audio.sampleRate,
    endSec: Math.min(durationSec, ((last + 1) * windowFrames) / audio.sampleRate),
  };
}
