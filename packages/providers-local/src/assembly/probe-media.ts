import { ProviderError } from '@looply/core';
import { ffprobeOutputSchema } from '../ffprobe-output.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface ProbedStream {
  type: string;
  codec?: string;
  profile?: string;
  width?: number;
  height?: number;
  pixelFormat?: string;
  /** Average frame rate in frames per second. */
  frameRate?: number;
  sampleRate?: number;
  channels?: number;
  durationSec?: number;
  frames?: number;
}

export interface ProbedMedia {
  durationSec?: number;
  formatName?: string;
  streams: ProbedStream[];
}

export interface ProbeMediaOptions {
  ffprobePath: string;
  file: string;
  provider: string;
  abortSignal?: AbortSignal;
}

/** Container and stream facts of a media file, from `ffprobe -print_format json`. */
export async function probeMedia(options: ProbeMediaOptions): Promise<ProbedMedia> {
  const { stdout } = await runFfmpeg({
    binary: options.ffprobePath,
    args: ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', options.file],
    what: `probing ${options.file}`,
    provider: options.provider,
    abortSignal: options.abortSignal,
  });
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (error) {
    throw new ProviderError({
      provider: options.provider,
      message: `ffprobe printed no JSON for ${options.file}`,
      retryable: false,
      cause: error,
    });
  }
  const parsed = ffprobeOutputSchema.safeParse(json);
  if (!parsed.success)
    throw new ProviderError({
      provider: options.provider,
      message: `ffprobe printed unexpected JSON for ${options.file}: ${parsed.error.message}`,
      retryable: false,
    });
  return {
    durationSec: toNumber(parsed.data.format?.duration),
    formatName: parsed.data.format?.format_name ?? undefined,
    streams: (parsed.data.streams ?? []).map((stream) => ({
      type: stream.codec_type ?? 'unknown',
      codec: stream.codec_name ?? undefined,
      profile: stream.profile ?? undefined,
      width: stream.width ?? undefined,
      height: stream.height ?? undefined,
      pixelFormat: stream.pix_fmt ?? undefined,
      frameRate: toRate(stream.avg_frame_rate) ?? toRate(stream.r_frame_rate),
      sampleRate: toNumber(stream.sample_rate),
      channels: stream.channels ?? undefined,
      durationSec: toNumber(stream.duration),
      frames: toNumber(stream.nb_frames),
    })),
  };
}

function toNumber(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === 'N/A') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** `30000/1001` → 29.97; `0/0` → undefined. */
function toRate(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const [numerator, denominator = '1'] = value.split('/');
  const rate = Number(numerator) / Number(denominator);
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}
