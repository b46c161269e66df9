import type { OutputFormat, TimelineTransition, TimelineVisualClip } from '@looply/core';
import { filterArgument } from './filter-escaping.js';
import { kenBurnsGraph } from './ken-burns-filter.js';
import { transitionGraph } from './transition-filter.js';

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
  /** Transition between scenes; hard cuts without. */
  transition?: TimelineTransition;
}

/** A scene shorter than this many transition lengths gets shorter transitions (or a cut). */
const MIN_SCENE_TRANSITIONS = 3;

/**
 * Frames of the transition into each scene (index 0 is always 0): the clip's `transitionInSec`
 * (core cuts it to the narration pause before the scene, so the picture never changes under a
 * word), else the timeline's length, and at most a third of either scene; 0 (a cut) below 2 frames.
 */
export function transitionFrames(clips: readonly { frames: number; transitionInSec?: number }[], transition: TimelineTransition | undefined, fps: number): number[] {
  return clips.map((clip, index) => {
    if (index === 0 || !transition || transition.kind === 'none') return 0;
    const wanted = Math.floor((clip.transitionInSec ?? transition.durationSec) * fps + 1e-6);
    const frames = Math.min(wanted, Math.floor(clips[index - 1].frames / MIN_SCENE_TRANSITIONS), Math.floor(clip.frames / MIN_SCENE_TRANSITIONS));
    return frames >= 2 ? frames : 0;
  });
}

/**
 * The video half of the filter graph: every clip made exactly `frames` frames of the output
 * size (Ken Burns on stills, a held frame for stills without motion, videos looped/trimmed),
 * cut together with concat, then captions burned in with libass. With a transition, each scene
 * after the first is rendered that many frames longer at its start; those frames are blended
 * over the last frames of the scene before (see `transitionGraph`), so the new scene is complete
 * exactly at its cut and the video keeps its length.
 */
export function videoFilterGraph(options: VideoGraphOptions): string {
  const { output } = options;
  const leads = transitionFrames(
    options.clips.map(({ clip, frames }) => ({ frames, transitionInSec: clip.transitionInSec })),
    options.transition,
    output.fps,
  );
  const chains = options.clips.map(({ clip, inputIndex, frames }, index) => {
    const total = frames + leads[index];
    return clip.kind === 'image' && clip.motion.type === 'ken-burns'
      ? kenBurnsGraph({ input: `${inputIndex}:v`, output: `scene${index}`, name: `kb${index}`, from: clip.motion.from, to: clip.motion.to, frames: total, format: output })
      : `[${inputIndex}:v]${clipFilters(clip, total, output).join(',')}[scene${index}]`;
  });
  const pieces = options.transition && options.transition.kind !== 'none' ? transitionPieces(options.clips, leads, options.transition.kind, output) : undefined;
  if (pieces) chains.push(...pieces.chains);
  const segments = pieces ? pieces.segments : options.clips.map((_, index) => `scene${index}`);
  const scenes = segments.map((label) => `[${label}]`).join('');
  const joined = segments.length > 1 ? `${scenes}concat=n=${segments.length}:v=1:a=0` : `${scenes}null`;
  const finishing = [
    ...(options.subtitles
      ? [`subtitles=filename=${filterArgument(options.subtitles.file)}:fontsdir=${filterArgument(options.subtitles.fontsDirectory)}`]
      : []),
    'format=yuv420p',
  ];
  return [...chains, `${joined},${finishing.join(',')}[${options.outputLabel}]`].join(';\n');
}

/**
 * Splits each scene's frames into the lead blended into the previous scene, its own body and the
 * tail the next scene is blended over, and writes the transitions: the concat order is
 * body 0, transition 1, body 1, transition 2, … .
 */
function transitionPieces(clips: readonly VideoGraphClip[], leads: number[], kind: 'crossfade' | 'slide' | 'zoom', output: OutputFormat): { chains: string[]; segments: string[] } {
  const chains: string[] = [];
  const segments: string[] = [];
  const range = (label: string, from: number, to: number): string => `trim=start_frame=${from}:end_frame=${to},setpts=PTS-STARTPTS[${label}]`;
  clips.forEach((clip, index) => {
    const lead = leads[index];
    const tail = leads[index + 1] ?? 0;
    const parts: string[] = [];
    if (lead > 0) parts.push(`[lead${index}]`);
    parts.push(`[body${index}]`);
    if (tail > 0) parts.push(`[tail${index}]`);
    const source = `scene${index}`;
    const ranges = [
      ...(lead > 0 ? [range(`lead${index}`, 0, lead)] : []),
      range(`body${index}`, lead, lead + clip.frames - tail),
      ...(tail > 0 ? [range(`tail${index}`, lead + clip.frames - tail, lead + clip.frames)] : []),
    ];
    if (parts.length === 1) chains.push(`[${source}]${ranges[0]}`);
    else {
      chains.push(`[${source}]split=${parts.length}${parts.map((part) => part.replace(/^\[/, '[cut')).join('')}`);
      parts.forEach((part, partIndex) => chains.push(`${part.replace(/^\[/, '[cut')}${ranges[partIndex]}`));
    }
    if (lead > 0) {
      chains.push(transitionGraph({ kind, outgoing: `tail${index - 1}`, incoming: `lead${index}`, output: `transition${index}`, name: `tr${index}`, frames: lead, format: output }));
      segments.push(`transition${index}`);
    }
    segments.push(`body${index}`);
  });
  return { chains, segments };
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
