import { markCaptionPixels, type CaptionPixelRule } from './caption-pixel-mask.js';
import { describeCaptionPixels, type CaptionPixelFacts } from './caption-pixel-facts.js';
import { keepGlyphSizedComponents } from './glyph-components.js';

export interface CaptionTrackSettings {
  rule: CaptionPixelRule;
  /** Frames per second of the pushed frames (a constant-rate stream). */
  fps: number;
  /** Time of the first pushed frame, seconds. */
  startSec: number;
  /** Fewest changed caption pixels that make a caption event, and fewest pixels of a caption. */
  minPixels: number;
  /** Caption font size in pushed-frame pixels (for counting text lines). */
  fontSizePx: number;
}

/** A caption as seen on screen: when it was up and what its pixels look like. */
export interface OnScreenCaption extends CaptionPixelFacts {
  startSec: number;
  endSec: number;
}

interface OpenSegment {
  startFrame: number;
  frames: number;
  counts: Uint16Array;
  /** The third frame of the segment (or the last one of a shorter segment): picture for contrast. */
  picture: Uint8Array;
}

interface ShownCaption {
  startFrame: number;
  /** The pixels that appeared with it. */
  pixels: Uint8Array;
  pixelCount: number;
  picture: Uint8Array;
}

/** A caption event needs this many times the recent frame-to-frame churn of the mask. */
const EVENT_OVER_NOISE = 6;
const NOISE_WINDOW = 15;
/** A segment started by an event shorter than this is a fade in progress, not a caption. */
const MIN_SEGMENT_FRAMES = 3;
/** A pixel belongs to a segment when it is marked in this share of its frames. */
const STABLE_SHARE = 0.6;
/** A caption has left when this share of the pixels it appeared with are gone. */
const GONE_SHARE = 0.5;
/** Largest group of touching text pixels, in font sizes: a few touching letters, accents included. */
const GLYPH_MAX_WIDTH_EM = 4;
const GLYPH_MAX_HEIGHT_EM = 1.2;
/** Until the churn of this many frames is known, an event must be twice as large. */
const WARM_UP_FRAMES = 5;

/**
 * Follows the caption band of a video frame by frame and tells when captions appear and leave.
 * Each frame's caption-like pixels are marked (`markCaptionPixels`); a sudden change of many
 * marked pixels from one frame to the next is an event, slow drift is background. Between events
 * the pixels marked in most frames are the segment's content. Pixels that an event adds, in
 * letter-sized groups, are a caption (at the first frame, everything shown counts as added, so
 * the letter-size filter is what keeps the picture's poles and horizons out); it lasts until an
 * event takes most of those same pixels away, whatever else changes meanwhile (a cut, motion).
 */
export class CaptionTrack {
  private readonly size: number;
  private mask: Uint8Array;
  private previousMask: Uint8Array;
  private readonly scratch: Uint8Array;
  private frameIndex = 0;
  private readonly recentChurn: number[] = [];
  private open: OpenSegment | undefined;
  private previousStable: Uint8Array | undefined;
  private shown: ShownCaption[] = [];
  private readonly captions: OnScreenCaption[] = [];
  /** Frame indexes of the events, for diagnostics. */
  readonly eventFrames: number[] = [];

  constructor(private readonly settings: CaptionTrackSettings) {
    this.size = settings.rule.width * settings.rule.height;
    this.mask = new Uint8Array(this.size);
    this.previousMask = new Uint8Array(this.size);
    this.scratch = new Uint8Array(this.size);
  }

  /** Feeds the next frame (grayscale, `width * height` bytes, read before the next push). */
  push(frame: Uint8Array): void {
    const index = this.frameIndex;
    this.frameIndex += 1;
    if (!this.open) this.startSegment(index);
    // One pass marks the frame, adds it to the open segment and measures the change.
    const counted = this.open!;
    const { changed: churn } = markCaptionPixels(frame, this.settings.rule, this.mask, this.scratch, {
      previous: this.previousMask,
      counts: counted.counts,
    });

    const warmingUp = this.recentChurn.length < WARM_UP_FRAMES;
    const noise = warmingUp ? Math.max(0, ...this.recentChurn) : median(this.recentChurn);
    const isEvent =
      index > 0 && churn >= this.settings.minPixels * (warmingUp ? 2 : 1) && churn >= EVENT_OVER_NOISE * noise;
    if (isEvent) {
      this.eventFrames.push(index);
      const inFade = counted.startFrame > 0 && counted.frames < MIN_SEGMENT_FRAMES;
      if (!inFade) {
        // The frame opens the next segment: move its pixels there.
        for (let pixel = 0; pixel < this.size; pixel += 1) counted.counts[pixel] -= this.mask[pixel];
        this.startSegment(index);
        const { counts } = this.open!;
        for (let pixel = 0; pixel < this.size; pixel += 1) counts[pixel] += this.mask[pixel];
      }
    } else if (index > 0) {
      this.recentChurn.push(churn);
      if (this.recentChurn.length > NOISE_WINDOW) this.recentChurn.shift();
    }
    const segment = this.open!;
    if (segment.frames < MIN_SEGMENT_FRAMES) segment.picture.set(frame.subarray(0, this.size));
    segment.frames += 1;
    [this.mask, this.previousMask] = [this.previousMask, this.mask];
  }

  /** Ends the stream and returns the captions seen, in order of appearance. */
  finish(): OnScreenCaption[] {
    this.closeSegment();
    for (const caption of this.shown) this.leave(caption, this.frameIndex);
    this.shown = [];
    return [...this.captions].sort((first, second) => first.startSec - second.startSec);
  }

  private startSegment(frame: number): void {
    this.closeSegment();
    this.open = {
      startFrame: frame,
      frames: 0,
      counts: new Uint16Array(this.size),
      picture: new Uint8Array(this.size),
    };
  }

  /** Compares the closing segment's content with the previous one's: what left, what appeared. */
  private closeSegment(): void {
    const segment = this.open;
    if (!segment || segment.frames === 0) return;
    this.open = undefined;
    const stable = new Uint8Array(this.size);
    const needed = Math.max(1, Math.ceil(segment.frames * STABLE_SHARE));
    for (let pixel = 0; pixel < this.size; pixel += 1) stable[pixel] = segment.counts[pixel] >= needed ? 1 : 0;

    const before = this.previousStable;
    const stillShown: ShownCaption[] = [];
    for (const caption of this.shown) {
      let gone = 0;
      for (let pixel = 0; pixel < this.size; pixel += 1) if (caption.pixels[pixel] && !stable[pixel]) gone += 1;
      if (gone >= caption.pixelCount * GONE_SHARE) this.leave(caption, segment.startFrame);
      else stillShown.push(caption);
    }
    this.shown = stillShown;

    const appeared = new Uint8Array(this.size);
    for (let pixel = 0; pixel < this.size; pixel += 1)
      if (stable[pixel] && !(before && before[pixel])) appeared[pixel] = 1;
    const { rule, fontSizePx, minPixels } = this.settings;
    const appearedCount = keepGlyphSizedComponents(
      appeared,
      rule.width,
      rule.height,
      GLYPH_MAX_WIDTH_EM * fontSizePx,
      GLYPH_MAX_HEIGHT_EM * fontSizePx,
    );
    if (appearedCount >= minPixels) {
      this.shown.push({
        startFrame: segment.startFrame,
        pixels: appeared,
        pixelCount: appearedCount,
        picture: segment.picture,
      });
    }
    this.previousStable = stable;
  }

  private leave(caption: ShownCaption, endFrame: number): void {
    const { fps, startSec, rule, fontSizePx } = this.settings;
    const facts = describeCaptionPixels(caption.pixels, caption.picture, rule, fontSizePx);
    this.captions.push({ ...facts, startSec: startSec + caption.startFrame / fps, endSec: startSec + endFrame / fps });
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((first, second) => first - second);
  return sorted[Math.floor(sorted.length / 2)];
}
