import { CAPTION_STANDARDS, MAX_APPEAR_ERROR_SEC, MAX_LEAVE_ERROR_SEC } from './caption-standard-definitions.js';
import type { CaptionMatch } from './caption-matching.js';
import { quote, seconds, signedMilliseconds, span } from './format-figures.js';
import type { QualityStandardResult } from './quality-report.js';

function unseen(match: CaptionMatch): string {
  return `caption ${match.index + 1} ${quote(match.caption.lines.join(' '))} (words ${span(match.firstWordSec, match.lastWordSec)}) was not seen on screen`;
}

function timing(matches: CaptionMatch[], which: 'appear' | 'leave', extraDetails: string[]): QualityStandardResult {
  const standard = CAPTION_STANDARDS[which];
  const tolerance = which === 'appear' ? MAX_APPEAR_ERROR_SEC : MAX_LEAVE_ERROR_SEC;
  const details: string[] = [];
  let worst: { error: number; match: CaptionMatch } | undefined;
  let missing = 0;
  let late = 0;
  for (const match of matches) {
    if (!match.seen) {
      missing += 1;
      details.push(unseen(match));
      continue;
    }
    const error = which === 'appear' ? match.seen.startSec - match.firstWordSec : match.seen.endSec - match.lastWordSec;
    if (!worst || Math.abs(error) > Math.abs(worst.error)) worst = { error, match };
    if (Math.abs(error) > tolerance + 1e-6) {
      late += 1;
      const word =
        which === 'appear'
          ? `first word at ${seconds(match.firstWordSec, 3)}`
          : `last word ends at ${seconds(match.lastWordSec, 3)}`;
      const shown = which === 'appear' ? match.seen.startSec : match.seen.endSec;
      details.push(
        `caption ${match.index + 1} ${quote(match.caption.lines.join(' '))}: ${which === 'appear' ? 'appears' : 'leaves'} at ${seconds(shown, 3)}, ${word} (${signedMilliseconds(error)})`,
      );
    }
  }
  const passed = missing === 0 && late === 0;
  let measured = worst
    ? `worst ${signedMilliseconds(worst.error)} (caption ${worst.match.index + 1} of ${matches.length})`
    : 'no caption seen';
  if (missing > 0) measured += `, ${missing} not seen`;
  return {
    ...standard,
    passed,
    measured,
    value: worst ? Math.round(worst.error * 1000) : undefined,
    unit: 'ms',
    details: [...details, ...extraDetails].length ? [...details, ...extraDetails] : undefined,
  };
}

/** Each caption shows within ±100 ms of its first word; caption-like pixels no caption claims are listed here. */
export function appearStandard(matches: CaptionMatch[], strays: string[]): QualityStandardResult {
  return timing(matches, 'appear', strays);
}

/** Each caption leaves within ±150 ms of the end of its last word. */
export function leaveStandard(matches: CaptionMatch[]): QualityStandardResult {
  return timing(matches, 'leave', []);
}
