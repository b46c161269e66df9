import type { OnScreenCaption } from './caption-track.js';
import type { QualityTimeline } from './quality-timeline.js';

type TimelineCaption = QualityTimeline['captions'][number];

export interface CaptionMatch {
  /** Index in the timeline's captions. */
  index: number;
  caption: TimelineCaption;
  /** When its first word starts and its last word ends (the caption's times if it has no words). */
  firstWordSec: number;
  lastWordSec: number;
  /** The caption seen on screen over the same time, if any. */
  seen: OnScreenCaption | undefined;
}

/**
 * Pairs each timeline caption with the on-screen caption that overlaps its spoken words most
 * (intersection over union of the two time spans). A caption seen nowhere near its words stays
 * unpaired; on-screen captions nobody claims are returned apart.
 */
export function matchCaptions(
  timeline: QualityTimeline,
  seen: readonly OnScreenCaption[],
): { matches: CaptionMatch[]; unclaimed: OnScreenCaption[] } {
  const claimed = new Set<OnScreenCaption>();
  const matches = timeline.captions.map((caption, index): CaptionMatch => {
    const firstWordSec = caption.words.length
      ? Math.min(...caption.words.map((word) => word.startSec))
      : caption.startSec;
    const lastWordSec = caption.words.length ? Math.max(...caption.words.map((word) => word.endSec)) : caption.endSec;
    let best: OnScreenCaption | undefined;
    let bestOverlap = 0;
    for (const candidate of seen) {
      const overlap = intersectionOverUnion(firstWordSec, lastWordSec, candidate.startSec, candidate.endSec);
      if (overlap > bestOverlap) {
        best = candidate;
        bestOverlap = overlap;
      }
    }
    if (best) claimed.add(best);
    return { index, caption, firstWordSec, lastWordSec, seen: best };
  });
  return { matches, unclaimed: seen.filter((caption) => !claimed.has(caption)) };
}

function intersectionOverUnion(startA: number, endA: number, startB: number, endB: number): number {
  const intersection = Math.max(0, Math.min(endA, endB) - Math.max(startA, startB));
  const union = Math.max(endA, endB) - Math.min(startA, startB);
  return union <= 0 ? 0 : intersection / union;
}
