import type { OutputCheck } from '@looply/core';
import { measureVideo } from './measure-video.js';

export interface VideoOutputCheckSettings {
  /** Default: `FFMPEG_PATH`, then `@ffmpeg-installer/ffmpeg`. */
  ffmpegPath?: string;
  /** Default: `FFPROBE_PATH`, then `@ffprobe-installer/ffprobe`. */
  ffprobePath?: string;
}

/**
 * The engine's output check (`EngineOptions.outputCheck`) measured with ffmpeg's analysers and
 * pocketsphinx (`measureVideo`): every standard of `looply check`, against the timeline the
 * assembler rendered. The report names the video by its artifact key, not the worker's local copy.
 */
export function createVideoOutputCheck(settings: VideoOutputCheckSettings = {}): OutputCheck {
  return async ({ video, videoPath, timeline, abortSignal }) => {
    const report = await measureVideo(videoPath, { ...settings, timeline, abortSignal });
    return { ...report, file: video.key };
  };
}
