import type { OutputFormat, TransitionKind } from '@looply/core';
import { ffmpegNumber } from './ffmpeg-number.js';

export interface TransitionGraphOptions {
  kind: Exclude<TransitionKind, 'none'>;
  /** Label of the outgoing scene's last frames. */
  outgoing: string;
  /** Label of the incoming scene's first frames (as many). */
  incoming: string;
  /** Label the transition's frames come out on. */
  output: string;
  /** Prefix for inner labels. */
  name: string;
  frames: number;
  format: OutputFormat;
}

/** How much the outgoing picture is enlarged by the end of a zoom transition. */
export const ZOOM_TRANSITION_SCALE = 1.3;

/**
 * The frames of one transition, built without `xfade` (ffmpeg 4.1 has none) from two equally long
 * pieces: `crossfade` fades the incoming scene in over the outgoing one (alpha fade + overlay);
 * `slide` slides the incoming scene in from the right over the outgoing one with an eased move;
 * `zoom` pushes into the outgoing scene (zoompan) while the incoming one fades in over it. The
 * incoming frame is always fully opaque where it is drawn, so no frame goes dark.
 */
export function transitionGraph(options: TransitionGraphOptions): string {
  const { kind, outgoing, incoming, output, name, frames, format } = options;
  // Progress 0→1 over the transition; the incoming scene is complete on the first frame after it.
  const steps = frames + 1;
  const finish = `format=yuv420p,setsar=1`;
  if (kind === 'slide') {
    const progress = `((n+1)/${steps})`;
    const eased = `(${progress}*${progress}*(3-2*${progress}))`;
    return `[${outgoing}][${incoming}]overlay=x='trunc(W*(1-${eased})/2)*2':y=0:eval=frame:eof_action=pass,${finish}[${output}]`;
  }
  const fadeIn = `[${incoming}]format=yuva420p,fade=t=in:s=1:n=${frames}:alpha=1[${name}in]`;
  if (kind === 'crossfade')
    return [fadeIn, `[${outgoing}][${name}in]overlay=eof_action=pass,${finish}[${output}]`].join(';\n');
  const zoom = `z='1+${ffmpegNumber(ZOOM_TRANSITION_SCALE - 1)}*on/${frames}':x='iw/2-iw/zoom/2':y='ih/2-ih/zoom/2':d=1:s=${format.width}x${format.height}:fps=${ffmpegNumber(format.fps)}`;
  return [
    fadeIn,
    `[${outgoing}]zoompan=${zoom},setsar=1[${name}out]`,
    `[${name}out][${name}in]overlay=eof_action=pass,${finish}[${output}]`,
  ].join(';\n');
}
