import type { CaptionBandGeometry } from './analysis-geometry.js';
import { CAPTION_STANDARDS, MAX_CAPTION_LINES } from './caption-standard-definitions.js';
import type { CaptionMatch } from './caption-matching.js';
import { quote } from './format-figures.js';
import type { QualityTimeline } from './quality-timeline.js';
import type { QualityStandardResult } from './quality-report.js';

function normalizedText(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/gu, ' ').trim();
}

/** At most two lines, in the timeline and on screen, and the lines spell the spoken words (no word cut). */
export function linesStandard(timeline: QualityTimeline, matches: CaptionMatch[]): QualityStandardResult {
  const details: string[] = [];
  let mostLinesInTimeline = 0;
  for (const [index, caption] of timeline.captions.entries()) {
    mostLinesInTimeline = Math.max(mostLinesInTimeline, caption.lines.length);
    if (caption.lines.length > MAX_CAPTION_LINES)
      details.push(`caption ${index + 1} has ${caption.lines.length} lines in the timeline`);
    const spoken = normalizedText(caption.words.map((word) => word.text).join(' '));
    const written = normalizedText(caption.lines.join(' '));
    if (spoken !== written)
      details.push(
        `caption ${index + 1}: lines ${caption.lines.map((line) => quote(line)).join(' / ')} do not spell its words ${quote(spoken, 60)} (a word cut or lost)`,
      );
  }
  let mostLinesOnScreen = 0;
  for (const match of matches) {
    if (!match.seen) continue;
    mostLinesOnScreen = Math.max(mostLinesOnScreen, match.seen.lineCount);
    if (match.seen.lineCount > MAX_CAPTION_LINES)
      details.push(
        `caption ${match.index + 1} ${quote(match.caption.lines.join(' '))} shows ${match.seen.lineCount} lines on screen (the renderer wrapped it)`,
      );
  }
  const seenAny = matches.some((match) => match.seen);
  const measured = `${seenAny ? `at most ${mostLinesOnScreen} on screen` : 'none seen on screen'}, ${mostLinesInTimeline} in the timeline${details.some((detail) => detail.includes('do not spell')) ? ', words cut' : ', words whole'}`;
  return {
    ...CAPTION_STANDARDS.lines,
    passed: details.length === 0,
    measured,
    value: mostLinesOnScreen,
    unit: 'lines',
    details: details.length ? details : undefined,
  };
}

/** Every caption seen lies inside the 10 % margins, measured in video pixels. */
export function safeAreaStandard(band: CaptionBandGeometry, matches: CaptionMatch[]): QualityStandardResult {
  const { safeBox, crop, scaleX, scaleY } = band;
  const toleranceX = 1 / scaleX;
  const toleranceY = 1 / scaleY;
  const limit = `inside x ${Math.round(safeBox.left)}–${Math.round(safeBox.right)}, y ${Math.round(safeBox.top)}–${Math.round(safeBox.bottom)} (10 % margins)`;
  const details: string[] = [];
  let union: { left: number; top: number; right: number; bottom: number } | undefined;
  for (const match of matches) {
    const box = match.seen?.box;
    if (!box) continue;
    const left = crop.x + box.left / scaleX;
    const right = crop.x + box.right / scaleX;
    const top = crop.y + box.top / scaleY;
    const bottom = crop.y + box.bottom / scaleY;
    union = union
      ? {
          left: Math.min(union.left, left),
          top: Math.min(union.top, top),
          right: Math.max(union.right, right),
          bottom: Math.max(union.bottom, bottom),
        }
      : { left, top, right, bottom };
    const outside =
      left < safeBox.left - toleranceX ||
      right > safeBox.right + toleranceX ||
      top < safeBox.top - toleranceY ||
      bottom > safeBox.bottom + toleranceY;
    if (outside) {
      details.push(
        `caption ${match.index + 1} ${quote(match.caption.lines.join(' '))} spans x ${Math.round(left)}–${Math.round(right)}, y ${Math.round(top)}–${Math.round(bottom)}`,
      );
    }
  }
  if (!union) return { ...CAPTION_STANDARDS.safeArea, limit, passed: false, measured: 'no caption seen on screen' };
  const measured = `captions span x ${Math.round(union.left)}–${Math.round(union.right)}, y ${Math.round(union.top)}–${Math.round(union.bottom)}`;
  return {
    ...CAPTION_STANDARDS.safeArea,
    limit,
    passed: details.length === 0,
    measured,
    details: details.length ? details : undefined,
  };
}
