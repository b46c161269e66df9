import { ffmpegNumber } from './ffmpeg-number.js';

export interface VideoEncodeArgsOptions {
  /** `-i` arguments of the visuals, one input per clip, in clip order. */
  inputArgs: string[];
  /** The mixed audio file; it is the input after the clips. */
  audioFile: string;
  clipCount: number;
  /** File holding the filter graph whose `[video]` output is encoded. */
  graphFile: string;
  preset: string;
  crf: number;
  fps: number;
  audioBitrateKbps: number;
  durationSec: number;
  output: string;
}

/** ffmpeg arguments of the final encode: H.264 High yuv420p at a constant frame rate, AAC 48 kHz stereo, `+faststart`. */
export function videoEncodeArgs(options: VideoEncodeArgsOptions): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'warning',
    '-y',
    '-progress',
    'pipe:1',
    ...options.inputArgs,
    '-i',
    options.audioFile,
    '-filter_complex_script',
    options.graphFile,
    '-map',
    '[video]',
    '-map',
    `${options.clipCount}:a`,
    '-c:v',
    'libx264',
    '-preset',
    options.preset,
    '-crf',
    String(options.crf),
    '-profile:v',
    'high',
    '-pix_fmt',
    'yuv420p',
    '-r',
    String(options.fps),
    '-vsync',
    'cfr',
    '-c:a',
    'aac',
    '-b:a',
    `${options.audioBitrateKbps}k`,
    '-ar',
    '48000',
    '-ac',
    '2',
    '-t',
    ffmpegNumber(options.durationSec),
    '-movflags',
    '+faststart',
    options.output,
  ];
}
