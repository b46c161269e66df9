import type { OutputFormat, TimelineVisualClip } from '@looply/core';
import { filterArgument } from './filter-escaping.js';
import { kenBurnsGraph } from './ken-burns-filter.js';

export interface VideoGraphClip {
  clip: TimelineVisualClip;
  /** ffmpeg input index of the clip's file. */
  inputIndex: number;
  /** Frames this clip covers in the output. */
  frames: number;
}

export interface VideoGraphOptions {
  clips: VideoGraphClip[];
  output: OutputFormat;
  /** ASS file and fonts folder (names relative to ffmpeg's working directory), when there are captions. */
  subtitles?: { file: string; fontsDirectory: string };
  /** Label of the graph's video output. */
  outputLabel: string;
}

/**
 * The video half of the filter graph: every clip made exactly `frames` frames of the output
 * size (Ken Burns on stills, a held frame for stills without motion, videos looped/trimmed),
 * cut together with concat, then captions burned in with libass.
 */
export function videoFilterGraph(options: VideoGraphOptions): string {
  const { output } = options;
  const chains = options.clips.map(({ clip, inputIndex, frames }, index) =>
    clip.kind === 'image' && clip.motion.type === 'ken-burns'
      ? kenBurnsGraph({ input: `${inputIndex}:v`, output: `scene${index}`, name: `kb${index}`, from: clip.motion.from, to: clip.motion.to, frames, format: output })
      : `[${inputIndex}:v]${clipFilters(clip, frames, output).join(',')}[scene${index}]`,
  );
  const scenes = options.clips.map((_, index) => `[scene${index}]`).join('');
  const joined = options.clips.length > 1 ? `${scenes}concat=n=${options.clips.length}:v=1:a=0` : `${scenes}null`;
  const finishing = [
    ...(options.subtitles
      ? [`subtitles=filename=${filterArgument(options.subtitles.file)}:fontsdir=${filterArgument(options.subtitles.fontsDirectory)}`]
      : []),
    'format=yuv420p',
  ];
  return [...chains, `${joined},${finishing.join(',')}[${options.outputLabel}]`].join(';\n');
}

function clipFilters(clip: TimelineVisualClip, frames: number, output: OutputFormat): string[] {
  const { width, height, fps } = output;
  const cover = [`scale=${width}:${height}:force_original_aspect_ratio=increase:flags=bicubic`, `crop=${width}:${height}`];
  const finish = ['setsar=1', 'format=yuv420p'];
  if (clip.kind === 'image') {
    // One decoded picture repeated: no re-decoding per frame.
    return [...cover, ...finish, `loop=loop=${frames - 1}:size=1:start=0`, `settb=1/${fps}`, 'setpts=N'];
  }
  // A video: constant frame rate first, then held on its last frame if it runs short, cut to length.
  return ['setpts=PTS-STARTPTS', `fps=${fps}`, ...cover, ...finish, `tpad=stop_mode=clone:stop=${frames}`, `trim=end_frame=${frames}`, `settb=1/${fps}`, 'setpts=N'];
}
