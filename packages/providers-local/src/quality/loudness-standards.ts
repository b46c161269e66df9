import type { LoudnessFrame, LoudnessSummary } from './ebur128-log.js';
import { signed } from './format-figures.js';
import type { QualityTimeline } from './quality-timeline.js';
import { notMeasured, type QualityStandardResult } from './quality-report.js';

export const TARGET_LUFS = -14;
export const LUFS_TOLERANCE = 1;
export const MAX_TRUE_PEAK_DB = -1;
export const MIN_DUCKING_DB = 12;
/** ebur128's momentary loudness looks back this far. */
const MOMENTARY_WINDOW_SEC = 0.4;
/** Too little music-only time to compare levels. */
const MIN_MUSIC_ONLY_SEC = 1;

export interface LoudnessInput {
  hasAudio: boolean;
  summary: LoudnessSummary | undefined;
  frames: LoudnessFrame[];
  timeline?: QualityTimeline;
}

/** Integrated loudness −14 ± 1 LUFS, true peak ≤ −1 dBTP, music ducked ≥ 12 dB under speech. */
export function loudnessStandards(input: LoudnessInput): QualityStandardResult[] {
  return [integrated(input), truePeak(input), musicDucking(input)];
}

function integrated({ hasAudio, summary }: LoudnessInput): QualityStandardResult {
  const standard = {
    id: 'loudness.integrated',
    group: 'loudness' as const,
    label: 'Integrated loudness',
    limit: `${TARGET_LUFS} ± ${LUFS_TOLERANCE} LUFS`,
  };
  const value = summary?.integratedLufs;
  if (!hasAudio) return { ...standard, passed: false, measured: 'no audio stream' };
  if (value === undefined || !Number.isFinite(value))
    return {
      ...standard,
      passed: false,
      measured: value === undefined ? 'ffmpeg printed no loudness summary' : 'silent (no gated block)',
    };
  const passed = Math.abs(value - TARGET_LUFS) <= LUFS_TOLERANCE + 1e-9;
  const details =
    summary?.loudnessRangeLu === undefined ? undefined : [`loudness range ${summary.loudnessRangeLu.toFixed(1)} LU`];
  return { ...standard, passed, measured: `${value.toFixed(1)} LUFS`, value, unit: 'LUFS', details };
}

function truePeak({ hasAudio, summary }: LoudnessInput): QualityStandardResult {
  const standard = {
    id: 'loudness.true-peak',
    group: 'loudness' as const,
    label: 'True peak',
    limit: `≤ ${MAX_TRUE_PEAK_DB} dBTP`,
  };
  const value = summary?.truePeakDb;
  if (!hasAudio) return { ...standard, passed: false, measured: 'no audio stream' };
  if (value === undefined) return { ...standard, passed: false, measured: 'ffmpeg printed no true peak' };
  const passed = value <= MAX_TRUE_PEAK_DB + 1e-9;
  return {
    ...standard,
    passed,
    measured: Number.isFinite(value) ? `${value.toFixed(1)} dBTP` : 'silent',
    value: Number.isFinite(value) ? value : undefined,
    unit: 'dBTP',
  };
}

/**
 * The mix alone cannot tell music from voice, so the standard is judged on what the timeline
 * asks of the assembler (`music.duckingDb`); the mix is measured only for information: the
 * median momentary loudness where the voice speaks against where only music plays.
 */
function musicDucking({ timeline, frames, hasAudio }: LoudnessInput): QualityStandardResult {
  const standard = {
    id: 'loudness.music-ducking',
    group: 'loudness' as const,
    label: 'Music ducking',
    limit: `≥ ${MIN_DUCKING_DB} dB under speech`,
  };
  if (!timeline) return notMeasured(standard, 'no timeline');
  if (!timeline.music) return notMeasured(standard, 'no music');
  const declared = -timeline.music.duckingDb;
  const passed = declared >= MIN_DUCKING_DB - 1e-9;
  const details = [
    `the timeline asks the assembler to duck the music by ${declared.toFixed(1)} dB while the voice speaks (the mix cannot separate the two)`,
  ];
  if (hasAudio) details.push(mixLevels(timeline, frames));
  return {
    ...standard,
    passed,
    measured: `${declared.toFixed(1)} dB (timeline)`,
    value: declared,
    unit: 'dB',
    details,
  };
}

function mixLevels(timeline: QualityTimeline, frames: LoudnessFrame[]): string {
  const words = timeline.captions.flatMap((caption) => caption.words);
  const speechCovers = (start: number, end: number): number => {
    let covered = 0;
    for (const word of words) covered += Math.max(0, Math.min(end, word.endSec) - Math.max(start, word.startSec));
    return covered / (end - start);
  };
  const speech: number[] = [];
  const musicOnly: number[] = [];
  for (const frame of frames) {
    const start = frame.timeSec - MOMENTARY_WINDOW_SEC;
    if (start < 0 || !Number.isFinite(frame.momentaryLufs)) continue;
    const share = speechCovers(start, frame.timeSec);
    if (share >= 0.8) speech.push(frame.momentaryLufs);
    else if (share === 0) musicOnly.push(frame.momentaryLufs);
  }
  const musicOnlySec = musicOnly.length * 0.1;
  if (speech.length === 0 || musicOnlySec < MIN_MUSIC_ONLY_SEC) {
    return `mix: only ${musicOnlySec.toFixed(1)} s of music without speech, too little to compare levels`;
  }
  const speechLevel = median(speech);
  const musicLevel = median(musicOnly);
  return `mix: speech stretches ${speechLevel.toFixed(1)} LUFS, music-only stretches ${musicLevel.toFixed(1)} LUFS (${signed(speechLevel - musicLevel)} LU, ${musicOnlySec.toFixed(1)} s of music-only)`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)];
}
