/** One 100 ms measurement of ffmpeg's `ebur128` filter. */
export interface LoudnessFrame {
  /** End of the measured 100 ms block, seconds. */
  timeSec: number;
  /** Momentary loudness (400 ms window), LUFS. */
  momentaryLufs: number;
  /** Short-term loudness (3 s window), LUFS. */
  shortTermLufs: number;
}

export interface LoudnessSummary {
  integratedLufs?: number;
  loudnessRangeLu?: number;
  /** True peak (with `peak=true`), dBTP (ffmpeg prints dBFS of the oversampled signal). */
  truePeakDb?: number;
}

const FRAME_LINE = /\bt:\s*([\d.]+)\s+TARGET:\s*-?[\d.]+\s+LUFS\s+M:\s*(-?[\d.]+|-inf|nan)\s+S:\s*(-?[\d.]+|-inf|nan)/;
const NUMBER = '(-?[\\d.]+|-inf|inf|nan)';
const SUMMARY_INTEGRATED = new RegExp(`^\\s*I:\\s*${NUMBER}\\s+LUFS\\s*$`);
const SUMMARY_RANGE = new RegExp(`^\\s*LRA:\\s*${NUMBER}\\s+LU\\s*$`);
const SUMMARY_PEAK = new RegExp(`^\\s*Peak:\\s*${NUMBER}\\s+dB(FS|TP)\\s*$`);

/**
 * Reads the stderr of ffmpeg's `ebur128=peak=true` line by line: the per-100 ms lines and the
 * final `Summary:` block. ffmpeg may print a summary for a throw-away configuration of the graph
 * too, so only the last block counts.
 */
export class Ebur128LogReader {
  readonly frames: LoudnessFrame[] = [];
  private summary: LoudnessSummary | undefined;
  private inSummary = false;

  push(line: string): void {
    const frame = FRAME_LINE.exec(line);
    if (frame) {
      this.frames.push({
        timeSec: Number(frame[1]),
        momentaryLufs: toNumber(frame[2]),
        shortTermLufs: toNumber(frame[3]),
      });
      return;
    }
    if (/\bSummary:\s*$/.test(line) && /ebur128/.test(line)) {
      this.summary = {};
      this.inSummary = true;
      return;
    }
    if (!this.inSummary || !this.summary) return;
    if (line.startsWith('[')) {
      this.inSummary = false;
      return;
    }
    const integrated = SUMMARY_INTEGRATED.exec(line);
    if (integrated && this.summary.integratedLufs === undefined) this.summary.integratedLufs = toNumber(integrated[1]);
    const range = SUMMARY_RANGE.exec(line);
    if (range && this.summary.loudnessRangeLu === undefined) this.summary.loudnessRangeLu = toNumber(range[1]);
    const peak = SUMMARY_PEAK.exec(line);
    if (peak && this.summary.truePeakDb === undefined) this.summary.truePeakDb = toNumber(peak[1]);
  }

  /** The last summary block, or undefined when ffmpeg printed none (no audio analysed). */
  result(): LoudnessSummary | undefined {
    return this.summary;
  }
}

function toNumber(text: string): number {
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  if (text === 'inf') return Number.POSITIVE_INFINITY;
  return Number(text);
}
