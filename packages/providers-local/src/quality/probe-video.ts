import { LooplyError } from '@looply/core';
import { z } from 'zod';
import { ffprobeOutputSchema } from '../ffprobe-output.js';
import { runMediaTool } from './run-media-tool.js';

const packetsSchema = z.looseObject({
  packets: z.array(z.looseObject({ pts: z.number().nullish() })).nullish(),
  streams: z.array(z.looseObject({ time_base: z.string().nullish() })).nullish(),
});

export interface ProbedVideoStream {
  codec?: string;
  profile?: string;
  width: number;
  height: number;
  pixelFormat?: string;
  /** `r_frame_rate` and `avg_frame_rate` as ffprobe prints them, e.g. `30/1`. */
  realFrameRate?: string;
  averageFrameRate?: string;
  /** Presentation time of the first frame, seconds. */
  startSec: number;
  durationSec?: number;
  frames?: number;
}

export interface ProbedAudioStream {
  codec?: string;
  sampleRate?: number;
  channels?: number;
  durationSec?: number;
}

export interface ProbedVideo {
  formatName?: string;
  durationSec?: number;
  video: ProbedVideoStream;
  /** The first audio stream, if any. */
  audio?: ProbedAudioStream;
}

/** Container and first video / audio stream facts, from `ffprobe -print_format json`. */
export async function probeVideo(ffprobePath: string, file: string, abortSignal?: AbortSignal): Promise<ProbedVideo> {
  let stdout: string;
  try {
    ({ stdout } = await runMediaTool({
      binary: ffprobePath,
      args: ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file],
      what: `probing ${file}`,
      abortSignal,
    }));
  } catch (error) {
    if (error instanceof LooplyError && error.code === 'media-tool-failed') {
      throw new LooplyError('invalid-input', `${file} is not a readable video: ${error.message}`);
    }
    throw error;
  }
  const parsed = ffprobeOutputSchema.safeParse(parseJson(stdout, file));
  if (!parsed.success)
    throw new LooplyError('invalid-input', `ffprobe printed unexpected JSON for ${file}: ${parsed.error.message}`);
  const streams = parsed.data.streams ?? [];
  const video = streams.find((stream) => stream.codec_type === 'video' && stream.width && stream.height);
  if (!video)
    throw new LooplyError(
      'invalid-input',
      `${file} has no video stream (ffprobe found: ${streams.map((stream) => stream.codec_type ?? 'unknown').join(', ') || 'nothing'}).`,
    );
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  return {
    formatName: parsed.data.format?.format_name ?? undefined,
    durationSec: toNumber(parsed.data.format?.duration),
    video: {
      codec: video.codec_name ?? undefined,
      profile: video.profile ?? undefined,
      width: video.width ?? 0,
      height: video.height ?? 0,
      pixelFormat: video.pix_fmt ?? undefined,
      realFrameRate: video.r_frame_rate ?? undefined,
      averageFrameRate: video.avg_frame_rate ?? undefined,
      startSec: toNumber(video.start_time) ?? 0,
      durationSec: toNumber(video.duration),
      frames: toNumber(video.nb_frames),
    },
    audio: audio
      ? {
          codec: audio.codec_name ?? undefined,
          sampleRate: toNumber(audio.sample_rate),
          channels: audio.channels ?? undefined,
          durationSec: toNumber(audio.duration),
        }
      : undefined,
  };
}

/**
 * Presentation times (seconds, ascending) of every packet of the first video stream, read from
 * the container index without decoding: one packet per frame for H.264 in MP4.
 */
export async function videoFrameTimes(ffprobePath: string, file: string, abortSignal?: AbortSignal): Promise<number[]> {
  const { stdout } = await runMediaTool({
    binary: ffprobePath,
    args: [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-print_format',
      'json',
      '-show_entries',
      'packet=pts:stream=time_base',
      file,
    ],
    what: `reading the frame times of ${file}`,
    abortSignal,
  });
  const parsed = packetsSchema.safeParse(parseJson(stdout, file));
  if (!parsed.success)
    throw new LooplyError(
      'invalid-input',
      `ffprobe printed unexpected packet JSON for ${file}: ${parsed.error.message}`,
    );
  const timeBase = parseRate(parsed.data.streams?.[0]?.time_base ?? undefined);
  if (timeBase === undefined)
    throw new LooplyError('invalid-input', `ffprobe printed no time base for the video stream of ${file}`);
  return (parsed.data.packets ?? [])
    .map((packet) => packet.pts)
    .filter((pts): pts is number => typeof pts === 'number')
    .sort((first, second) => first - second)
    .map((pts) => pts * timeBase);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new LooplyError('invalid-input', `ffprobe printed no JSON for ${file}`);
  }
}

function toNumber(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === 'N/A') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** `30/1` → 30, `1/15360` → 0.0000651; `0/0` → undefined. */
export function parseRate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const [numerator, denominator = '1'] = value.split('/');
  const rate = Number(numerator) / Number(denominator);
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}
