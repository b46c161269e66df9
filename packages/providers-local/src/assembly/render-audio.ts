import type { WarningV1 } from '@looply/core';
import { duckingVolumeExpression, type TimeInterval } from './ducking-envelope.js';
import { parseEbur128Summary, type LoudnessMeasurement } from './ebur128-summary.js';
import { runFfmpeg } from './run-ffmpeg.js';
import { ffmpegNumber } from './ffmpeg-number.js';

export interface RenderAudioOptions {
  ffmpegPath: string;
  provider: string;
  abortSignal?: AbortSignal;
  /** ffmpeg runs here; inputs and outputs are names relative to it. */
  workDirectory: string;
  narration: { file: string; startSec: number; volume: number };
  /** `fades`: the music fades in and out over the video's first and last seconds (each at most a quarter of it); default none. */
  music?: {
    file: string;
    volume: number;
    duckingDb: number;
    speech: readonly TimeInterval[];
    fades?: { inSec: number; outSec: number };
  };
  durationSec: number;
  loudness: { integratedLufs: number; truePeakDb: number };
  /** Headroom kept under the true-peak ceiling for the AAC encoder's overshoot, in dB. */
  codecHeadroomDb?: number;
  /** Skip loudness normalisation (the mix only), e.g. to check the ducking on its own. */
  normalise?: boolean;
  /** Called after each ffmpeg pass with the fraction of the audio work done. */
  onProgress?: (fraction: number) => void;
}

export interface RenderedAudio {
  /** 48 kHz stereo 32-bit float WAV, exactly `durationSec` long, relative to the work directory. */
  file: string;
  /** Loudness of that file. */
  measured: LoudnessMeasurement;
  /** Gain applied to the mix before the limiter, in dB. */
  gainDb: number;
  warnings: WarningV1[];
}

const SAMPLE_RATE = 48_000;
const MIX_FILE = 'audio-mix.wav';
const FINAL_FILE = 'audio-final.wav';
/** Normalisation stops once the measured loudness is this close to the target. */
const LOUDNESS_TOLERANCE_LU = 0.3;
const MAX_NORMALISATION_PASSES = 3;
const MAX_GAIN_DB = 30;
/** Integrated loudness ebur128 reports for a signal that never passes its gate. */
const SILENCE_LUFS = -69;

/**
 * Mixes the narration with the (looped, ducked) music, then normalises the mix to the target
 * integrated loudness under a true-peak ceiling: measure with ebur128, apply gain and a 4×
 * oversampled limiter, measure again and correct until within ±0.3 LU. Audio-only ffmpeg passes
 * of a few hundred milliseconds each; the video render then only encodes the result.
 */
export async function renderAudio(options: RenderAudioOptions): Promise<RenderedAudio> {
  const warnings: WarningV1[] = [];
  const passes = options.normalise === false ? 1 : 1 + MAX_NORMALISATION_PASSES;
  let done = 0;
  const step = (): void => {
    done += 1;
    options.onProgress?.(Math.min(1, done / passes));
  };

  const mix = await runMeasuredPass(
    options,
    mixInputs(options),
    mixGraph(options),
    options.normalise === false ? FINAL_FILE : MIX_FILE,
    'mixing the narration and music',
  );
  step();
  if (options.normalise === false) return { file: FINAL_FILE, measured: mix, gainDb: 0, warnings };

  if (mix.integratedLufs <= SILENCE_LUFS) {
    warnings.push({
      type: 'other',
      message: 'the narration is silent (below the loudness gate); loudness was not normalised',
    });
    const measured = await runMeasuredPass(
      options,
      ['-i', MIX_FILE],
      limiterGraph(options, 0),
      FINAL_FILE,
      'limiting the audio',
    );
    return { file: FINAL_FILE, measured, gainDb: 0, warnings };
  }

  let gainDb = clampGain(options.loudness.integratedLufs - mix.integratedLufs, warnings);
  let measured = mix;
  for (let pass = 0; pass < MAX_NORMALISATION_PASSES; pass += 1) {
    measured = await runMeasuredPass(
      options,
      ['-i', MIX_FILE],
      limiterGraph(options, gainDb),
      FINAL_FILE,
      'normalising the loudness',
    );
    step();
    const error = options.loudness.integratedLufs - measured.integratedLufs;
    if (Math.abs(error) <= LOUDNESS_TOLERANCE_LU) break;
    // The limiter takes away loudness when it works hard: push the gain up by what is missing.
    gainDb = clampGain(gainDb + error, warnings);
  }
  if (Math.abs(options.loudness.integratedLufs - measured.integratedLufs) > 1) {
    warnings.push({
      type: 'other',
      message: `the mix measures ${measured.integratedLufs.toFixed(1)} LUFS, more than 1 LU from the ${options.loudness.integratedLufs} LUFS target (the true-peak ceiling limits it)`,
    });
  }
  options.onProgress?.(1);
  return { file: FINAL_FILE, measured, gainDb, warnings };
}

function clampGain(gainDb: number, warnings: WarningV1[]): number {
  if (gainDb <= MAX_GAIN_DB) return gainDb;
  if (
    !warnings.some((warning) => warning.type === 'other' && warning.message.startsWith('the narration is very quiet'))
  ) {
    warnings.push({ type: 'other', message: `the narration is very quiet; gain capped at +${MAX_GAIN_DB} dB` });
  }
  return MAX_GAIN_DB;
}

function mixInputs(options: RenderAudioOptions): string[] {
  const inputs = ['-i', options.narration.file];
  // The music loops for as long as the video lasts.
  if (options.music) inputs.push('-stream_loop', '-1', '-i', options.music.file);
  return inputs;
}

/** Narration (delayed, at its volume) plus the ducked music, 48 kHz stereo, exactly the video's length. */
function mixGraph(options: RenderAudioOptions): string {
  const { narration, music, durationSec } = options;
  const format = `aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo`;
  const delayMs = Math.round(narration.startSec * 1000);
  const voice = [
    `[0:a]${format}`,
    `volume=${ffmpegNumber(narration.volume)}`,
    ...(delayMs > 0 ? [`adelay=${delayMs}|${delayMs}`] : []),
    'apad',
    `atrim=end=${ffmpegNumber(durationSec)}`,
    'asetpts=N/SR/TB',
  ].join(',');
  if (!music) return `${voice}[mixed]`;
  // Quoted so the graph parser keeps the expression's commas; it holds only numbers, t and operators.
  const envelope = duckingVolumeExpression(music.speech, music.volume, music.duckingDb);
  const fadeInSec = Math.min(music.fades?.inSec ?? 0, durationSec / 4);
  const fadeOutSec = Math.min(music.fades?.outSec ?? 0, durationSec / 4);
  const bed = [
    `[1:a]${format}`,
    `atrim=end=${ffmpegNumber(durationSec)}`,
    'asetpts=N/SR/TB',
    `volume=eval=frame:volume='${envelope}'`,
    ...(fadeInSec > 0 ? [`afade=t=in:st=0:d=${ffmpegNumber(fadeInSec)}`] : []),
    ...(fadeOutSec > 0
      ? [`afade=t=out:st=${ffmpegNumber(durationSec - fadeOutSec)}:d=${ffmpegNumber(fadeOutSec)}`]
      : []),
    'apad',
    `atrim=end=${ffmpegNumber(durationSec)}`,
  ].join(',');
  // amix halves both inputs; normalisation afterwards restores the level, the balance is what matters.
  return `${voice}[voice];${bed}[music];[voice][music]amix=inputs=2:duration=first:dropout_transition=0[mixed]`;
}

/** Gain, then a limiter on a 4× oversampled signal (an approximation of true-peak limiting). */
function limiterGraph(options: RenderAudioOptions, gainDb: number): string {
  const ceilingDb = options.loudness.truePeakDb - (options.codecHeadroomDb ?? 0.5);
  const limit = Math.max(0.0625, Math.min(1, 10 ** (ceilingDb / 20)));
  return [
    `[0:a]volume=${ffmpegNumber(gainDb)}dB`,
    `aresample=${SAMPLE_RATE * 4}`,
    `alimiter=limit=${ffmpegNumber(limit)}:attack=1:release=80:level=false`,
    `aresample=${SAMPLE_RATE}`,
    `apad,atrim=end=${ffmpegNumber(options.durationSec)}[mixed]`,
  ].join(',');
}

/** Runs one audio pass: writes `output` and measures it with ebur128 in the same run. */
async function runMeasuredPass(
  options: RenderAudioOptions,
  inputs: string[],
  graph: string,
  output: string,
  what: string,
): Promise<LoudnessMeasurement> {
  const measuredGraph = `${graph};[mixed]asplit=2[out][scan];[scan]ebur128=peak=true:framelog=verbose[scanned]`;
  const { stderr } = await runFfmpeg({
    binary: options.ffmpegPath,
    args: [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'info',
      '-y',
      ...inputs,
      '-filter_complex',
      measuredGraph,
      '-map',
      '[out]',
      '-c:a',
      'pcm_f32le',
      output,
      '-map',
      '[scanned]',
      '-f',
      'null',
      '-',
    ],
    what,
    provider: options.provider,
    abortSignal: options.abortSignal,
    cwd: options.workDirectory,
  });
  return parseEbur128Summary(stderr);
}
