import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav, type MusicMood } from '@looply/core';
import { parseEbur128Summary } from '../assembly/ebur128-summary.js';
import { runFfmpeg } from '../assembly/run-ffmpeg.js';
import { moodScore } from './mood-score.js';
import { synthesiseScore } from './synthesise-score.js';

/** Loudness of a cached loop: the mix sets the level relative to the voice; this fixes the reference. */
export const MOOD_MUSIC_LUFS = -18;
const SAMPLE_RATE = 48_000;
/** Bumped whenever a score or the synthesis changes, so older cached loops are not reused. */
const CACHE_VERSION = 1;
/** Highest sample peak allowed after the gain (leaves room for the mix). */
const MAX_PEAK = 0.89;

export interface MoodMusicOptions {
  mood: MusicMood;
  ffmpegPath: string;
  provider: string;
  /** Where loops are kept between renders; default `<os tmp>/looply-music`. */
  cacheDirectory?: string;
  abortSignal?: AbortSignal;
}

/** Default folder of the cached loops. */
export function defaultMusicCacheDirectory(): string {
  return join(tmpdir(), 'looply-music');
}

/**
 * A WAV file holding one seamless loop of generated music in the mood (48 kHz stereo 16-bit at
 * about −18 LUFS), rendered once per mood and machine and then read from the cache. The score is
 * written in code and played through a MIT-licensed General MIDI SoundFont, so the music carries
 * no licence condition into the videos.
 */
export async function moodMusicFile(options: MoodMusicOptions): Promise<string> {
  const folder = options.cacheDirectory ?? defaultMusicCacheDirectory();
  const file = join(folder, `music-${options.mood}-v${CACHE_VERSION}.wav`);
  if (
    await stat(file).then(
      (entry) => entry.isFile() && entry.size > 44,
      () => false,
    )
  )
    return file;
  await mkdir(folder, { recursive: true });

  const { left, right } = await synthesiseScore(moodScore(options.mood), SAMPLE_RATE);
  // Written under a unique name and renamed: workers rendering the same mood at once never see half a file.
  const partial = `${file}.${process.pid}-${Date.now()}.partial.wav`;
  try {
    await writeFile(partial, encodeWav(toPcm(left, right, 1)));
    const measured = await measureLoudness(partial, options);
    const gain = Number.isFinite(measured) ? 10 ** ((MOOD_MUSIC_LUFS - measured) / 20) : 1;
    await writeFile(partial, encodeWav(toPcm(left, right, gain)));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return file;
}

/** Interleaved 16-bit PCM at `gain`, scaled down further if a peak would pass `MAX_PEAK`. */
function toPcm(
  left: Float32Array,
  right: Float32Array,
  gain: number,
): { sampleRate: number; channels: number; samples: Int16Array } {
  let peak = 0;
  for (let index = 0; index < left.length; index += 1)
    peak = Math.max(peak, Math.abs(left[index]), Math.abs(right[index]));
  const scale = peak * gain > MAX_PEAK ? MAX_PEAK / peak : gain;
  const samples = new Int16Array(left.length * 2);
  for (let index = 0; index < left.length; index += 1) {
    samples[2 * index] = Math.round(Math.max(-1, Math.min(1, left[index] * scale)) * 32767);
    samples[2 * index + 1] = Math.round(Math.max(-1, Math.min(1, right[index] * scale)) * 32767);
  }
  return { sampleRate: SAMPLE_RATE, channels: 2, samples };
}

async function measureLoudness(file: string, options: MoodMusicOptions): Promise<number> {
  const { stderr } = await runFfmpeg({
    binary: options.ffmpegPath,
    args: [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'info',
      '-i',
      file,
      '-af',
      'ebur128',
      '-f',
      'null',
      '-',
    ],
    what: `measuring the ${options.mood} music`,
    provider: options.provider,
    abortSignal: options.abortSignal,
  });
  return parseEbur128Summary(stderr).integratedLufs;
}
