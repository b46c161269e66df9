import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LocalArtifactStore, Timeline } from '../../packages/core/src/index.js';
import { resolveFfmpegPath } from '../../packages/providers-local/src/assembly/ffmpeg-binaries.js';
import type { X264Preset } from '../../packages/providers-local/src/assembly/local-assembly-settings.js';
import { runFfmpeg } from '../../packages/providers-local/src/assembly/run-ffmpeg.js';
import { videoFilterGraph } from '../../packages/providers-local/src/assembly/video-filter-graph.js';

/**
 * The references, each ONE ffmpeg command encoding the same stills and narration with the same
 * codec, preset, CRF, size and frame rate. `withMotion: false` is the limit of the goal: each still
 * decoded once and repeated for its scene, concatenated, no captions, no loudness work.
 * `withMotion: true` adds the assembler's own Ken Burns graph, to show what the rest costs.
 */
export async function referenceEncode(
  timeline: Timeline,
  artifacts: LocalArtifactStore,
  root: string,
  preset: X264Preset,
  crf: number,
  withMotion: boolean,
): Promise<void> {
  const { width, height, fps } = timeline.output;
  const inputs: string[] = [];
  const chains: string[] = [];
  const clips = [];
  let cursor = 0;
  const total = Math.round(timeline.durationSec * fps);
  for (const [index, clip] of timeline.visuals.entries()) {
    const end = index === timeline.visuals.length - 1 ? total : Math.round((clip.startSec + clip.lengthSec) * fps);
    const frames = end - cursor;
    cursor = end;
    inputs.push('-i', await artifacts.localPath(clip.artifact.key));
    clips.push({ clip, inputIndex: index, frames });
    chains.push(
      `[${index}:v]scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1,format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,settb=1/${fps},setpts=N[v${index}]`,
    );
  }
  const labels = timeline.visuals.map((_, index) => `[v${index}]`).join('');
  const graph = withMotion
    ? videoFilterGraph({ clips, output: timeline.output, outputLabel: 'video' })
    : `${chains.join(';')};${labels}concat=n=${timeline.visuals.length}:v=1:a=0[video]`;
  const output = join(root, 'reference.mp4');
  await writeFile(join(root, 'reference-graph.txt'), graph);
  await runFfmpeg({
    binary: resolveFfmpegPath(),
    provider: 'bench',
    what: 'encoding the reference',
    args: [
      '-hide_banner',
      '-nostdin',
      '-nostats',
      '-loglevel',
      'error',
      '-y',
      ...inputs,
      '-i',
      await artifacts.localPath(timeline.narration.artifact.key),
      '-filter_complex_script',
      join(root, 'reference-graph.txt'),
      '-map',
      '[video]',
      '-map',
      `${timeline.visuals.length}:a`,
      '-c:v',
      'libx264',
      '-preset',
      preset,
      '-crf',
      String(crf),
      '-profile:v',
      'high',
      '-pix_fmt',
      'yuv420p',
      '-r',
      String(fps),
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      '-ar',
      '48000',
      '-ac',
      '2',
      '-t',
      String(timeline.durationSec),
      '-movflags',
      '+faststart',
      output,
    ],
  });
}
