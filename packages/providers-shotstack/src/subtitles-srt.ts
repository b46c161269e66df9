import type { TimelineCaption } from '@looply/core';

function timestamp(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const secs = Math.floor((totalMs % 60_000) / 1000);
  const ms = totalMs % 1000;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(secs)},${pad(ms, 3)}`;
}

/** The timeline's captions as SubRip: one cue per caption, its lines as they are shown. */
export function captionsToSrt(captions: readonly TimelineCaption[]): string {
  return captions
    .map(
      (caption, index) =>
        `${index + 1}\n${timestamp(caption.startSec)} --> ${timestamp(caption.endSec)}\n${caption.lines.join('\n')}\n`,
    )
    .join('\n');
}
