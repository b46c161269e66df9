/** A silent stretch inside speech, in seconds from the start of the samples given. */
export interface SilentGap {
  startSec: number;
  endSec: number;
}

export interface SpeechBounds {
  /** First sample of speech (inclusive), with a few milliseconds of lead-in kept. */
  start: number;
  /** One past the last sample of speech, with a few milliseconds of tail kept. */
  end: number;
}

const FRAME_SEC = 0.01;
const EDGE_PADDING_SEC = 0.01;

function peakOf(samples: Int16Array): number {
  let peak = 0;
  for (const sample of samples) {
    const magnitude = Math.abs(sample);
    if (magnitude > peak) peak = magnitude;
  }
  return peak;
}

/** Below this a sample counts as silence: 0.5% of the peak, at least 16 (espeak-ng pauses are exact zeros). */
function silenceLevel(samples: Int16Array): number {
  return Math.max(16, peakOf(samples) * 0.005);
}

/** Where speech starts and ends, scanning samples from both ends; null when it is all silence. */
export function findSpeechBounds(samples: Int16Array, sampleRate: number): SpeechBounds | null {
  const level = silenceLevel(samples);
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]) <= level) first++;
  if (first === samples.length) return null;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]) <= level) last--;
  const padding = Math.round(EDGE_PADDING_SEC * sampleRate);
  return { start: Math.max(0, first - padding), end: Math.min(samples.length, last + 1 + padding) };
}

/**
 * Silent stretches of at least `minimumGapSec` (10 ms frames whose every sample is below the
 * silence level). The 30–60 ms closures of stop consonants stay below the default 90 ms.
 */
export function findSilentGaps(samples: Int16Array, sampleRate: number, minimumGapSec = 0.09): SilentGap[] {
  const level = silenceLevel(samples);
  const frameLength = Math.max(1, Math.round(FRAME_SEC * sampleRate));
  const gaps: SilentGap[] = [];
  let runStart = -1;
  const close = (end: number) => {
    if (runStart >= 0 && (end - runStart) / sampleRate >= minimumGapSec && runStart > 0 && end < samples.length) {
      gaps.push({ startSec: runStart / sampleRate, endSec: end / sampleRate });
    }
    runStart = -1;
  };
  for (let frame = 0; frame < samples.length; frame += frameLength) {
    const end = Math.min(frame + frameLength, samples.length);
    let silent = true;
    for (let index = frame; index < end && silent; index++) if (Math.abs(samples[index]) > level) silent = false;
    if (silent && runStart < 0) runStart = frame;
    else if (!silent) close(frame);
  }
  close(samples.length);
  return gaps;
}
