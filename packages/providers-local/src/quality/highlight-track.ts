import { markCaptionPixels, type CaptionPixelRule } from './caption-pixel-mask.js';

export interface HighlightTrackSettings {
  rule: CaptionPixelRule;
  fps: number;
  /** Time of the first pushed frame, seconds. */
  startSec: number;
  /** Smallest change of a text pixel's gray value that counts as a recolouring. */
  minLevelChange: number;
  /** Fewest recoloured text pixels that make a highlight event. */
  minPixels: number;
}

/** An event needs this many times the recent churn of recoloured text pixels. */
const EVENT_OVER_NOISE = 6;
const NOISE_WINDOW = 15;

/**
 * Finds the moments the highlighted word of a caption changes: pixels that are caption text in
 * two consecutive frames (light strokes edged by dark, the caption rule) but changed their gray
 * level, as a word does when it takes or loses the highlight colour. Text pixels stay put while
 * the picture moves behind them, so this churn is near zero except at a highlight move (or a
 * caption change, which the caption track reports on its own).
 */
export class HighlightTrack {
  private readonly size: number;
  private mask: Uint8Array;
  private previousMask: Uint8Array;
  private previousFrame: Uint8Array;
  private readonly scratch: Uint8Array;
  private frameIndex = 0;
  private readonly recentChurn: number[] = [];
  /** Times (seconds) of the frames where the highlight changed. */
  readonly events: number[] = [];

  constructor(private readonly settings: HighlightTrackSettings) {
    this.size = settings.rule.width * settings.rule.height;
    this.mask = new Uint8Array(this.size);
    this.previousMask = new Uint8Array(this.size);
    this.previousFrame = new Uint8Array(this.size);
    this.scratch = new Uint8Array(this.size);
  }

  /** Feeds the next frame (grayscale, `width * height` bytes). */
  push(frame: Uint8Array): void {
    const index = this.frameIndex;
    this.frameIndex += 1;
    markCaptionPixels(frame, this.settings.rule, this.mask, this.scratch);
    if (index > 0) {
      let churn = 0;
      const { minLevelChange } = this.settings;
      for (let pixel = 0; pixel < this.size; pixel += 1) {
        if (
          this.mask[pixel] &&
          this.previousMask[pixel] &&
          Math.abs(frame[pixel] - this.previousFrame[pixel]) >= minLevelChange
        )
          churn += 1;
      }
      const noise = median(this.recentChurn);
      if (churn >= this.settings.minPixels && churn >= EVENT_OVER_NOISE * noise) {
        this.events.push(this.settings.startSec + index / this.settings.fps);
      } else {
        this.recentChurn.push(churn);
        if (this.recentChurn.length > NOISE_WINDOW) this.recentChurn.shift();
      }
    }
    this.previousFrame.set(frame.subarray(0, this.size));
    [this.mask, this.previousMask] = [this.previousMask, this.mask];
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)];
}
