import type { ArtifactStore, Timeline } from '@looply/core';
import { ffmpegNumber } from './ffmpeg-number.js';
import { inputArtifactPath } from './input-artifact-path.js';
import { stageInput } from './stage-input.js';
import type { VideoGraphClip } from './video-filter-graph.js';

/** Links every clip's file into the work folder and gives each the frames it covers (they add up to the video's). */
export async function stageVisuals(
  timeline: Timeline,
  artifacts: ArtifactStore,
  work: string,
): Promise<{ clips: VideoGraphClip[]; inputArgs: string[] }> {
  const fps = timeline.output.fps;
  const totalFrames = Math.round(timeline.durationSec * fps);
  const clips: VideoGraphClip[] = [];
  const inputArgs: string[] = [];
  let frameCursor = 0;
  for (const [index, clip] of timeline.visuals.entries()) {
    const endFrame =
      index === timeline.visuals.length - 1 ? totalFrames : Math.round((clip.startSec + clip.lengthSec) * fps);
    const frames = Math.max(1, endFrame - frameCursor);
    frameCursor += frames;
    const file = await inputArtifactPath(artifacts, clip.artifact.key, `the visual of scene ${clip.sceneIndex}`);
    const staged = await stageInput(work, `scene-${index}`, file, clip.artifact.contentType);
    // A clip loops for as long as its scene needs (one extra second of margin before trimming).
    if (clip.kind === 'video') inputArgs.push('-stream_loop', '-1', '-t', ffmpegNumber(frames / fps + 1), '-i', staged);
    else inputArgs.push('-i', staged);
    clips.push({ clip, inputIndex: index, frames });
  }
  return { clips, inputArgs };
}
