import { luma, type CaptionBandGeometry } from './analysis-geometry.js';
import { quote, seconds, signedMilliseconds } from './format-figures.js';
import type { QualityTimeline } from './quality-timeline.js';
import { notMeasured, type QualityStandardResult } from './quality-report.js';

/** The highlight must move within this of each word's start, like a caption's onset. */
export const MAX_HIGHLIGHT_ERROR_SEC = 0.1;
/** A highlight change further than this from a word start is not that word's. */
const SEARCH_WINDOW_SEC = 0.4;
const MAX_DETAILS = 5;

const STANDARD = {
  id: 'captions.highlight',
  group: 'captions' as const,
  label: 'Word highlight',
  limit: `± ${MAX_HIGHLIGHT_ERROR_SEC * 1000} ms of each word's start`,
};

/** How the analysis finds highlight changes for this timeline, or undefined when it has no highlight. */
export function highlightDetection(
  timeline: QualityTimeline,
  band: CaptionBandGeometry,
): { minLevelChange: number; minPixels: number } | undefined {
  const highlight = timeline.captionStyle.highlight;
  if (!highlight) return undefined;
  const difference = Math.abs(luma(timeline.captionStyle.textColor) - luma(highlight.textColor));
  // Half the level difference: interior stroke pixels change by all of it, blurred edges by less.
  return { minLevelChange: Math.max(8, difference / 2), minPixels: Math.max(6, Math.round(band.minPixels / 2)) };
}

/** When each word after a caption's first takes the highlight (the first comes with the caption). */
export function expectedHighlightOnsets(
  timeline: QualityTimeline,
): Array<{ caption: number; word: string; onsetSec: number }> {
  return timeline.captions.flatMap((caption, index) =>
    caption.words
      .slice(1)
      .map((word) => ({ caption: index, word: word.text, onsetSec: Math.max(caption.startSec, word.startSec) }))
      // A word starting less than a centisecond before the caption leaves is never highlighted.
      .filter((onset) => onset.onsetSec < caption.endSec - 0.01),
  );
}

/**
 * Word-highlight timing: each word's highlight must appear within 100 ms of the word's start,
 * measured on the pixels (the frames where caption text changes colour) against the timeline's
 * word timings.
 */
export function highlightStandard(
  timeline: QualityTimeline | undefined,
  events: readonly number[] | undefined,
): QualityStandardResult {
  if (!timeline) return notMeasured(STANDARD, 'no timeline');
  if (!timeline.captionStyle.highlight) return notMeasured(STANDARD, 'the captions have no word highlight');
  const onsets = expectedHighlightOnsets(timeline);
  if (onsets.length === 0 || !events) return notMeasured(STANDARD, 'no caption has a second word');
  const details: string[] = [];
  let worst = 0;
  let missing = 0;
  let late = 0;
  for (const onset of onsets) {
    const nearest = events.reduce<number | undefined>(
      (best, event) =>
        best === undefined || Math.abs(event - onset.onsetSec) < Math.abs(best - onset.onsetSec) ? event : best,
      undefined,
    );
    const error = nearest === undefined ? Number.POSITIVE_INFINITY : nearest - onset.onsetSec;
    if (Math.abs(error) > SEARCH_WINDOW_SEC) {
      missing += 1;
      if (details.length < MAX_DETAILS)
        details.push(
          `caption ${onset.caption + 1}: no highlight change near ${quote(onset.word)} at ${seconds(onset.onsetSec, 3)}`,
        );
      continue;
    }
    if (Math.abs(error) > Math.abs(worst)) worst = error;
    if (Math.abs(error) > MAX_HIGHLIGHT_ERROR_SEC + 1e-6) {
      late += 1;
      if (details.length < MAX_DETAILS)
        details.push(
          `caption ${onset.caption + 1}: ${quote(onset.word)} highlighted at ${seconds(onset.onsetSec + error, 3)}, spoken at ${seconds(onset.onsetSec, 3)} (${signedMilliseconds(error)})`,
        );
    }
  }
  const seen = onsets.length - missing;
  const measured = `${seen} of ${onsets.length} word onsets seen, worst ${signedMilliseconds(worst)}${late ? `, ${late} off by more than ${MAX_HIGHLIGHT_ERROR_SEC * 1000} ms` : ''}`;
  return {
    ...STANDARD,
    passed: missing === 0 && late === 0,
    measured,
    value: Math.round(worst * 1000),
    unit: 'ms',
    details: details.length ? details : undefined,
  };
}
