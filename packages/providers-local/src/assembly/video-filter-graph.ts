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
 * word), else the timeline's length, and at most a third of either scene; 0 (a cut) below 2
 * frames, and between scenes that are not both Ken Burns stills (a video clip cuts).
 */
export function transitionFrames(
  clips: readonly { frames: number; transitionInSec?: number; kenBurns: boolean }[],
  transition: TimelineTransition | undefined,
  fps: number,
): number[] {
  return clips.map((clip, index) => {
    if (index === 0 || !transition || transition.kind === 'none' || !clip.kenBurns || !clips[index - 1].kenBurns)
      return 0;
    const wanted = Math.floor((clip.transitionInSec ?? transition.durationSec) * fps + 1e-6);
    const frames = Math.min(
      wanted,
      Math.floor(clips[index - 1].frames / MIN_SCENE_TRANSITIONS),
      Math.floor(clip.frames / MIN_SCENE_TRANSITIONS),
    );
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
    options.clips.map(({ clip, frames }) => ({
      frames,
      transitionInSec: clip.transitionInSec,
      kenBurns: isKenBurns(clip),
    })),
    options.transition,
    output.fps,
  );
  const kind = options.transition?.kind;
  const chains: string[] = [];
  const segments: string[] = [];
  options.clips.forEach(({ clip, inputIndex, frames }, index) => {
    const lead = leads[index];
    const tail = leads[index + 1] ?? 0;
    if (lead === 0 && tail === 0) {
      chains.push(
        isKenBurns(clip)
          ? kenBurnsGraph({
              input: `${inputIndex}:v`,
              output: `scene${index}`,
              name: `kb${index}`,
              from: clip.motion.from,
              to: clip.motion.to,
              frames,
              format: output,
            })
          : `[${inputIndex}:v]${clipFilters(clip, frames, output).join(',')}[scene${index}]`,
      );
    } else chains.push(...movePieces(clip, inputIndex, index, frames, lead, tail, output));
    if (lead > 0 && kind && kind !== 'none') {
      chains.push(
        transitionGraph({
          kind,
          outgoing: `tail${index - 1}`,
          incoming: `lead${index}`,
          output: `transition${index}`,
          name: `tr${index}`,
          frames: lead,
          format: output,
        }),
      );
      segments.push(`transition${index}`);
    }
    segments.push(`scene${index}`);
  });
  const scenes = segments.map((label) => `[${label}]`).join('');
  const joined = segments.length > 1 ? `${scenes}concat=n=${segments.length}:v=1:a=0` : `${scenes}null`;
  const finishing = [
    ...(options.subtitles
      ? [
          `subtitles=filename=${filterArgument(options.subtitles.file)}:fontsdir=${filterArgument(options.subtitles.fontsDirectory)}`,
        ]
      : []),
    'format=yuv420p',
  ];
  return [...chains, `${joined},${finishing.join(',')}[${options.outputLabel}]`].join(';\n');
}

function isKenBurns(clip: TimelineVisualClip): clip is TimelineVisualClip & { motion: { type: 'ken-burns' } } {
  return clip.kind === 'image' && clip.motion.type === 'ken-burns';
}

/**
 * A Ken Burns still in up to three pieces of one move `lead + frames` long: the lead (blended into
 * the previous scene), its own frames (`scene<index>`, minus the tail) and the tail (the next
 * scene is blended over it). Each piece runs its own zoompan from the one decoded picture (split
 * while it is a single frame), so no piece waits in a buffer for another: a split of the moving
 * frames would hold a whole scene in memory until the concat reached it.
 */
function movePieces(
  clip: TimelineVisualClip,
  inputIndex: number,
  index: number,
  frames: number,
  lead: number,
  tail: number,
  output: OutputFormat,
): string[] {
  if (!isKenBurns(clip)) throw new Error('only Ken Burns stills have transition pieces');
  const totalFrames = lead + frames;
  const pieces = [
    ...(lead > 0 ? [{ label: `lead${index}`, firstFrame: 0, count: lead }] : []),
    { label: `scene${index}`, firstFrame: lead, count: frames - tail },
    ...(tail > 0 ? [{ label: `tail${index}`, firstFrame: lead + frames - tail, count: tail }] : []),
  ];
  const sources = pieces.map((piece) => `still${index}${piece.label}`);
  return [
    `[${inputIndex}:v]split=${pieces.length}${sources.map((source) => `[${source}]`).join('')}`,
    ...pieces.map((piece, pieceIndex) =>
      kenBurnsGraph({
        input: sources[pieceIndex],
        output: piece.label,
        name: `kb${index}${piece.label}`,
        from: clip.motion.from,
        to: clip.motion.to,
        frames: piece.count,
        format: output,
        range: { firstFrame: piece.firstFrame, totalFrames },
      }),
    ),
  ];
}

function clipFilters(clip: TimelineVisualClip, frames: number, output: OutputFormat): string[] {
  const { width, height, fps } = output;
  const cover = [
    `scale=${width}:${height}:force_original_aspect_ratio=increase:flags=bicubic`,
    `crop=${width}:${height}`,
  ];
  const finish = ['setsar=1', 'format=yuv420p'];
  if (clip.kind === 'image') {
    // One decoded picture repeated: no re-decoding per frame.
    return [...cover, ...finish, `loop=loop=${frames - 1}:size=1:start=0`, `settb=1/${fps}`, 'setpts=N'];
  }
  // A video: constant frame rate first, then held on its last frame if it runs short, cut to length.
  return [
    'setpts=PTS-STARTPTS',
    `fps=${fps}`,
    ...cover,
    ...finish,
    `tpad=stop_mode=clone:stop=${frames}`,
    `trim=end_frame=${frames}`,
    `settb=1/${fps}`,
    'setpts=N',
  ];
}
