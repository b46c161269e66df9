import type { Timeline } from '@looply/core';
import { ffmpegExpressionNumber } from './ffmpeg-number.js';

export interface TimeInterval {
  startSec: number;
  endSec: number;
}

/** Pauses shorter than this stay ducked: music pumping between words is worse than no rise. */
export const DUCKING_BRIDGE_SEC = 0.8;
/** Time the music takes to go down before speech and back up after it. */
export const DUCKING_RAMP_SEC = 0.25;

/**
 * When the voice speaks: the caption words merged across short pauses, or the whole narration
 * when the timeline has no captions (so the music is never loud under speech).
 */
export function speechIntervals(
  timeline: Pick<Timeline, 'captions' | 'narration'>,
  bridgeSec = DUCKING_BRIDGE_SEC,
): TimeInterval[] {
  const offset = timeline.narration.startSec;
  const words = timeline.captions
    .flatMap((caption) => caption.words)
    .map((word) => ({ startSec: word.startSec + offset, endSec: Math.max(word.endSec, word.startSec) + offset }))
    .sort((a, b) => a.startSec - b.startSec);
  if (words.length === 0) return [{ startSec: offset, endSec: offset + timeline.narration.lengthSec }];
  const merged: TimeInterval[] = [];
  for (const word of words) {
    const last = merged.at(-1);
    if (last && word.startSec - last.endSec < bridgeSec) last.endSec = Math.max(last.endSec, word.endSec);
    else merged.push({ ...word });
  }
  return merged;
}

/**
 * An ffmpeg expression of `t` for the `volume` filter (eval=frame): `volume` outside speech,
 * `volume` lowered by `duckingDb` during it, with linear ramps of `rampSec` that finish before
 * the speech starts and begin after it ends.
 */
export function duckingVolumeExpression(
  intervals: readonly TimeInterval[],
  volume: number,
  duckingDb: number,
  rampSec = DUCKING_RAMP_SEC,
): string {
  const ducked = 10 ** (duckingDb / 20);
  if (intervals.length === 0) return ffmpegExpressionNumber(volume);
  const ramp = ffmpegExpressionNumber(rampSec);
  // Each interval contributes 0 outside it, 1 inside, ramping at both ends; overlaps are capped at 1.
  const envelopes = intervals.map(
    ({ startSec, endSec }) =>
      `clip(min((t-${ffmpegExpressionNumber(startSec - rampSec)})/${ramp},(${ffmpegExpressionNumber(endSec + rampSec)}-t)/${ramp}),0,1)`,
  );
  return `${ffmpegExpressionNumber(volume)}*(1-${ffmpegExpressionNumber(1 - ducked)}*min(1,${envelopes.join('+')}))`;
}

/** The gain the expression gives at time `t`, for checks and tests (same formula, in JavaScript). */
export function duckingGainAt(
  intervals: readonly TimeInterval[],
  volume: number,
  duckingDb: number,
  t: number,
  rampSec = DUCKING_RAMP_SEC,
): number {
  const ducked = 10 ** (duckingDb / 20);
  const sum = intervals.reduce(
    (total, { startSec, endSec }) =>
      total +
      Math.min(1, Math.max(0, Math.min((t - (startSec - rampSec)) / rampSec, (endSec + rampSec - t) / rampSec))),
    0,
  );
  return volume * (1 - (1 - ducked) * Math.min(1, sum));
}
