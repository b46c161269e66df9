import type { AlignedWord } from './pocketsphinx-alignment.js';

const FRAME_SEC = 0.01;
/** A 10 ms frame whose peak is under this share of the file's peak (about −34 dB) is silence. */
const SILENCE_SHARE = 0.02;

/**
 * Moves each aligned word's start past silence at its beginning. The recogniser's models let a
 * weak first phone ("th", "h") swallow the pause before it, placing the word up to the pause's
 * start; a word is only ever heard from its first sound, so the start moves to the first frame
 * above the silence level (never past the word's end).
 */
export function refineOnsets(aligned: AlignedWord[], samples: Int16Array, sampleRate: number): AlignedWord[] {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  const level = peak * SILENCE_SHARE;
  const frame = Math.max(1, Math.round(FRAME_SEC * sampleRate));
  const loud = (start: number) => {
    for (let index = start; index < Math.min(start + frame, samples.length); index++)
      if (Math.abs(samples[index]) > level) return true;
    return false;
  };
  return aligned.map((word) => {
    if (!word) return word;
    let position = Math.round(word.startSec * sampleRate);
    const end = Math.round(word.endSec * sampleRate);
    while (position + frame <= end && !loud(position)) position += frame;
    return position + frame > end ? word : { startSec: position / sampleRate, endSec: word.endSec };
  });
}
