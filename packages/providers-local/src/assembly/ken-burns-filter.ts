import type { FramingV1, OutputFormat } from '@looply/core';
import { ffmpegExpressionNumber } from './ffmpeg-number.js';

/**
 * The still is prepared once at this multiple of the output size, so zoompan's whole-pixel crop
 * window moves in half-pixel steps of the output: smooth motion without the usual zoompan jitter.
 */
export const KEN_BURNS_SUPERSAMPLING = 2;

export interface KenBurnsGraphOptions {
  /** Label of the decoded still, e.g. `0:v`. */
  input: string;
  /** Label the clip's frames come out on. */
  output: string;
  /** Prefix for the graph's inner labels (unique per clip). */
  name: string;
  from: FramingV1;
  to: FramingV1;
  frames: number;
  format: OutputFormat;
  /** Only part of the move: these `frames` start at `firstFrame` of a move `totalFrames` long. */
  range?: { firstFrame: number; totalFrames: number };
}

/**
 * A filtergraph turning one decoded still into `frames` frames of a Ken Burns move: the still is
 * cover-fitted once at twice the output size in yuv420p, then each plane goes through its own
 * zoompan (an exponential zoom for a constant perceived speed, a linear drift of the centre) and
 * the planes are merged back. Per plane, because zoompan rounds a subsampled picture's crop
 * position to even pixels (a visible stutter on slow moves) but not a single grey plane; this
 * costs a third less than zooming a yuv444p picture with the same smoothness.
 * Framing is relative to the cover-fitted still.
 */
export function kenBurnsGraph(options: KenBurnsGraphOptions): string {
  const { from, to, frames, format, name } = options;
  const width = even(format.width * KEN_BURNS_SUPERSAMPLING);
  const height = even(format.height * KEN_BURNS_SUPERSAMPLING);
  const last = Math.max(1, (options.range?.totalFrames ?? frames) - 1);
  const first = options.range?.firstFrame ?? 0;
  const progress = first > 0 ? `((on+${first})/${last})` : `(on/${last})`;
  const zoom =
    from.scale === to.scale
      ? ffmpegExpressionNumber(from.scale)
      : `${ffmpegExpressionNumber(from.scale)}*pow(${ffmpegExpressionNumber(to.scale / from.scale)},${progress})`;
  const center = (start: number, end: number): string =>
    start === end
      ? ffmpegExpressionNumber(start)
      : `(${ffmpegExpressionNumber(start)}+${ffmpegExpressionNumber(end - start)}*${progress})`;
  const move = `z='${zoom}':x='${center(from.centerX, to.centerX)}*iw-iw/zoom/2':y='${center(from.centerY, to.centerY)}*ih-ih/zoom/2':d=${frames}:fps=${ffmpegExpressionNumber(format.fps)}`;
  const lumaSize = `${format.width}x${format.height}`;
  const chromaSize = `${format.width / 2}x${format.height / 2}`;
  return [
    `[${options.input}]scale=${width}:${height}:force_original_aspect_ratio=increase:flags=bicubic,crop=${width}:${height},format=yuv420p,extractplanes=y+u+v[${name}y][${name}u][${name}v]`,
    `[${name}y]zoompan=${move}:s=${lumaSize}[${name}zy]`,
    `[${name}u]zoompan=${move}:s=${chromaSize}[${name}zu]`,
    `[${name}v]zoompan=${move}:s=${chromaSize}[${name}zv]`,
    `[${name}zy][${name}zu][${name}zv]mergeplanes=0x001020:yuv420p,setsar=1[${options.output}]`,
  ].join(';\n');
}

function even(value: number): number {
  return 2 * Math.round(value / 2);
}
