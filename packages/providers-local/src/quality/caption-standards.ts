import type { CaptionBandGeometry } from './analysis-geometry.js';
import { contrastStandard, fontCoverageStandard } from './caption-legibility-standards.js';
import { linesStandard, safeAreaStandard } from './caption-layout-standards.js';
import { matchCaptions } from './caption-matching.js';
import { CAPTION_STANDARDS } from './caption-standard-definitions.js';
import { appearStandard, leaveStandard } from './caption-timing-standards.js';
import type { OnScreenCaption } from './caption-track.js';
import { span } from './format-figures.js';
import type { QualityTimeline } from './quality-timeline.js';
import { notMeasured, type QualityStandardResult } from './quality-report.js';

export {
  MAX_APPEAR_ERROR_SEC,
  MAX_CAPTION_LINES,
  MAX_LEAVE_ERROR_SEC,
  MIN_CAPTION_CONTRAST,
} from './caption-standard-definitions.js';

const MIN_STRAY_SEC = 0.25;
const MAX_STRAYS_LISTED = 3;

export interface CaptionInput {
  timeline?: QualityTimeline;
  band?: CaptionBandGeometry;
  /** Captions seen in the caption band, in band-analysis pixels. */
  seen?: OnScreenCaption[];
}

/**
 * Caption standards. Timing, line count, position and contrast are measured on the pixels
 * (`seen`) and compared with the timeline's words; word integrity and font coverage come from
 * the timeline's caption text and the caption font file.
 */
export function captionStandards(input: CaptionInput): QualityStandardResult[] {
  const { timeline, band, seen } = input;
  if (!timeline) {
    const reason = 'no timeline';
    return Object.values(CAPTION_STANDARDS).map((standard) => notMeasured(standard, reason));
  }
  if (timeline.captions.length === 0) {
    return Object.values(CAPTION_STANDARDS).map((standard) => notMeasured(standard, 'no captions in the timeline'));
  }
  if (!band || !seen)
    throw new Error('captionStandards needs the caption band analysis when the timeline has captions');
  const { matches, unclaimed } = matchCaptions(timeline, seen);
  // Flickers shorter than a word are motion in the picture, not captions; longer ones are listed.
  const strays = unclaimed
    .filter((caption) => caption.endSec - caption.startSec >= MIN_STRAY_SEC)
    .map(
      (caption) => `caption-like pixels on screen ${span(caption.startSec, caption.endSec)} match no timeline caption`,
    );
  if (strays.length > MAX_STRAYS_LISTED)
    strays.splice(MAX_STRAYS_LISTED, strays.length, `… and ${strays.length - MAX_STRAYS_LISTED} more`);
  return [
    appearStandard(matches, strays),
    leaveStandard(matches),
    linesStandard(timeline, matches),
    safeAreaStandard(band, matches),
    contrastStandard(timeline, matches),
    fontCoverageStandard(timeline),
  ];
}
