import type { ArtifactStore, Timeline } from '@looply/core';
import { moodMusicFile } from '../music/mood-music-file.js';
import { speechIntervals } from './ducking-envelope.js';
import type { LocalAssemblySettings } from './local-assembly-settings.js';
import type { RenderAudioOptions } from './render-audio.js';
import { resolveMusicSource } from './resolve-music-source.js';
import { stageInput } from './stage-input.js';

const PROVIDER = 'local';
/** Music comes in softly and fades out over the video's last two seconds. */
const MUSIC_FADES = { inSec: 0.3, outSec: 2 };

export interface StageMusicOptions {
  timeline: Timeline;
  artifacts: ArtifactStore;
  workDirectory: string;
  ffmpegPath: string;
  settings: Pick<LocalAssemblySettings, 'musicCacheDirectory' | 'allowLocalMusicFiles' | 'allowMusicUrls' | 'fetch'>;
  abortSignal: AbortSignal;
}

/**
 * The timeline's music as the audio mix takes it: a generated loop for a mood, or the given
 * source staged in the work folder; undefined when the video has no music.
 */
export async function stageMusic(options: StageMusicOptions): Promise<RenderAudioOptions['music']> {
  const { timeline, artifacts, workDirectory, ffmpegPath, settings, abortSignal } = options;
  if (timeline.music?.mood) {
    return {
      file: await moodMusicFile({
        mood: timeline.music.mood,
        ffmpegPath,
        provider: PROVIDER,
        cacheDirectory: settings.musicCacheDirectory,
        abortSignal,
      }),
      volume: timeline.music.volume,
      duckingDb: timeline.music.duckingDb,
      speech: speechIntervals(timeline),
      fades: MUSIC_FADES,
    };
  }
  if (timeline.music?.source) {
    const resolved = await resolveMusicSource({
      source: timeline.music.source,
      artifacts,
      workDirectory,
      provider: PROVIDER,
      // Off unless the caller opted in (the CLI does; a server never must read a client-named path).
      allowLocalFiles: settings.allowLocalMusicFiles ?? false,
      allowUrls: settings.allowMusicUrls ?? false,
      fetch: settings.fetch ?? globalThis.fetch,
      abortSignal,
      maxDownloadBytes: 100 * 1024 * 1024,
      downloadTimeoutMs: 60_000,
    });
    return {
      file: await stageInput(workDirectory, 'music', resolved.file, resolved.contentType),
      volume: timeline.music.volume,
      duckingDb: timeline.music.duckingDb,
      speech: speechIntervals(timeline),
      fades: MUSIC_FADES,
    };
  }
  return undefined;
}
