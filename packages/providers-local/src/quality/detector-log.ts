/** A stretch of the video an ffmpeg detector flagged, seconds. */
export interface DetectedSegment {
  startSec: number;
  endSec: number;
}

const BLACK_LINE = /\bblack_start:\s*(-?[\d.]+)\s+black_end:\s*(-?[\d.]+)/;
const FREEZE_START = /lavfi\.freezedetect\.freeze_start:\s*(-?[\d.]+)/;
const FREEZE_END = /lavfi\.freezedetect\.freeze_end:\s*(-?[\d.]+)/;

/**
 * Reads the stderr lines of ffmpeg's `blackdetect` and `freezedetect` filters. A freeze still
 * open when the stream ends (older ffmpeg prints no `freeze_end` then) lasts to the end.
 */
export class DetectorLogReader {
  readonly black: DetectedSegment[] = [];
  private readonly frozen: DetectedSegment[] = [];
  private openFreezeStart: number | undefined;

  push(line: string): void {
    const black = BLACK_LINE.exec(line);
    if (black) {
      this.black.push({ startSec: Number(black[1]), endSec: Number(black[2]) });
      return;
    }
    const freezeStart = FREEZE_START.exec(line);
    if (freezeStart) {
      this.openFreezeStart = Number(freezeStart[1]);
      return;
    }
    const freezeEnd = FREEZE_END.exec(line);
    if (freezeEnd && this.openFreezeStart !== undefined) {
      this.frozen.push({ startSec: this.openFreezeStart, endSec: Number(freezeEnd[1]) });
      this.openFreezeStart = undefined;
    }
  }

  /** Frozen stretches; one still open at the end runs to `endOfVideoSec`. */
  frozenSegments(endOfVideoSec: number): DetectedSegment[] {
    if (this.openFreezeStart === undefined) return [...this.frozen];
    return [...this.frozen, { startSec: this.openFreezeStart, endSec: Math.max(this.openFreezeStart, endOfVideoSec) }];
  }
}
