import type { StyleFont } from '@looply/core';
import { missingCharacters } from '../fonts/font-coverage.js';
import type { CaptionBandGeometry } from './analysis-geometry.js';
import { matchCaptions, type CaptionMatch } from './caption-matching.js';
import type { OnScreenCaption } from './caption-track.js';
import { quote, seconds, signedMilliseconds, span } from './format-figures.js';
import { languageLetters } from './language-letters.js';
import type { QualityTimeline } from './quality-timeline.js';
import { notMeasured, type QualityStandardResult } from './quality-report.js';

export const MAX_APPEAR_ERROR_SEC = 0.1;
export const MAX_LEAVE_ERROR_SEC = 0.15;
export const MAX_CAPTION_LINES = 2;
export const MIN_CAPTION_CONTRAST = 4.5;
const MIN_STRAY_SEC = 0.25;
const MAX_STRAYS_LISTED = 3;

export interface CaptionInput {
  timeline?: QualityTimeline;
  band?: CaptionBandGeometry;
  /** Captions seen in the caption band, in band-analysis pixels. */
  seen?: OnScreenCaption[];
}

const STANDARDS = {
  appear: {
    id: 'captions.appear',
    group: 'captions' as const,
    label: 'Caption appears',
    limit: `± ${MAX_APPEAR_ERROR_SEC * 1000} ms of first word`,
  },
  leave: {
    id: 'captions.leave',
    group: 'captions' as const,
    label: 'Caption leaves',
    limit: `± ${MAX_LEAVE_ERROR_SEC * 1000} ms of last word`,
  },
  lines: {
    id: 'captions.lines',
    group: 'captions' as const,
    label: 'Caption lines',
    limit: `≤ ${MAX_CAPTION_LINES} lines, no word cut`,
  },
  safeArea: {
    id: 'captions.safe-area',
    group: 'captions' as const,
    label: 'Caption safe area',
    limit: 'inside 10 % margins',
  },
  contrast: {
    id: 'captions.contrast',
    group: 'captions' as const,
    label: 'Caption contrast',
    limit: `≥ ${MIN_CAPTION_CONTRAST}:1 text vs outline`,
  },
  font: {
    id: 'captions.font-coverage',
    group: 'captions' as const,
    label: 'Caption font coverage',
    limit: 'caption text + language letters',
  },
};

/**
 * Caption standards. Timing, line count, position and contrast are measured on the pixels
 * (`seen`) and compared with the timeline's words; word integrity and font coverage come from
 * the timeline's caption text and the caption font file.
 */
export function captionStandards(input: CaptionInput): QualityStandardResult[] {
  const { timeline, band, seen } = input;
  if (!timeline) {
    const reason = 'no timeline';
    return Object.values(STANDARDS).map((standard) => notMeasured(standard, reason));
  }
  if (timeline.captions.length === 0) {
    return Object.values(STANDARDS).map((standard) => notMeasured(standard, 'no captions in the timeline'));
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
    appear(matches, strays),
    leave(matches),
    lines(timeline, matches),
    safeArea(band, matches),
    contrast(timeline, matches),
    fontCoverage(timeline),
  ];
}

function unseen(match: CaptionMatch): string {
  return `caption ${match.index + 1} ${quote(match.caption.lines.join(' '))} (words ${span(match.firstWordSec, match.lastWordSec)}) was not seen on screen`;
}

function timing(matches: CaptionMatch[], which: 'appear' | 'leave', extraDetails: string[]): QualityStandardResult {
  const standard = STANDARDS[which];
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

function appear(matches: CaptionMatch[], strays: string[]): QualityStandardResult {
  return timing(matches, 'appear', strays);
}

function leave(matches: CaptionMatch[]): QualityStandardResult {
  return timing(matches, 'leave', []);
}

function normalizedText(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/gu, ' ').trim();
}

function lines(timeline: QualityTimeline, matches: CaptionMatch[]): QualityStandardResult {
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
    ...STANDARDS.lines,
    passed: details.length === 0,
    measured,
    value: mostLinesOnScreen,
    unit: 'lines',
    details: details.length ? details : undefined,
  };
}

function safeArea(band: CaptionBandGeometry, matches: CaptionMatch[]): QualityStandardResult {
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
  if (!union) return { ...STANDARDS.safeArea, limit, passed: false, measured: 'no caption seen on screen' };
  const measured = `captions span x ${Math.round(union.left)}–${Math.round(union.right)}, y ${Math.round(union.top)}–${Math.round(union.bottom)}`;
  return {
    ...STANDARDS.safeArea,
    limit,
    passed: details.length === 0,
    measured,
    details: details.length ? details : undefined,
  };
}

function contrast(timeline: QualityTimeline, matches: CaptionMatch[]): QualityStandardResult {
  const style = timeline.captionStyle;
  const styleContrast = colourContrast(style.textColor, style.outlineColor);
  const details = [
    `style: ${style.textColor} text, ${style.outlineColor} outline ${style.outlineWidthPx} px (${styleContrast.toFixed(1)}:1)`,
  ];
  const seen = matches.filter((match) => match.seen);
  if (seen.length === 0) {
    return {
      ...STANDARDS.contrast,
      passed: false,
      measured: 'no caption seen as light text with a dark edge',
      details,
    };
  }
  const weakest = seen.reduce((low, match) => (match.seen!.contrastRatio < low.seen!.contrastRatio ? match : low));
  const value = weakest.seen!.contrastRatio;
  let passed = value >= MIN_CAPTION_CONTRAST && styleContrast >= MIN_CAPTION_CONTRAST && style.outlineWidthPx > 0;
  if (style.outlineWidthPx <= 0) details.push('the caption style has no outline');
  if (styleContrast < MIN_CAPTION_CONTRAST)
    details.push(`the style's colours only reach ${styleContrast.toFixed(1)}:1`);
  if (value < MIN_CAPTION_CONTRAST)
    details.push(
      `caption ${weakest.index + 1} ${quote(weakest.caption.lines.join(' '))} measures ${value.toFixed(1)}:1 on screen`,
    );
  passed &&= seen.length === matches.length;
  if (seen.length < matches.length)
    details.push(`${matches.length - seen.length} caption(s) not seen as light text with a dark edge`);
  return {
    ...STANDARDS.contrast,
    passed,
    measured: `weakest ${value.toFixed(1)}:1 on screen (caption ${weakest.index + 1})`,
    value,
    unit: ':1',
    details,
  };
}

function fontCoverage(timeline: QualityTimeline): QualityStandardResult {
  const font = timeline.captionStyle.font as StyleFont;
  const name = `${font.family} ${font.weight}`;
  const { letters, known } = languageLetters(timeline.language);
  const captionText = timeline.captions.map((caption) => caption.lines.join(' ')).join(' ');
  let missingInCaptions: string[];
  let missingInLanguage: string[];
  try {
    missingInCaptions = missingCharacters(font, captionText);
    missingInLanguage = missingCharacters(font, letters);
  } catch (error) {
    return notMeasured(
      STANDARDS.font,
      `the font file of ${name} is not available here (${(error as Error).message.split('\n')[0]})`,
    );
  }
  const distinct = new Set([...captionText].filter((character) => !/\s/u.test(character))).size;
  const details: string[] = [];
  if (missingInCaptions.length) details.push(`the captions use ${missingInCaptions.join(' ')}, which ${name} lacks`);
  if (missingInLanguage.length) details.push(`${name} lacks ${missingInLanguage.join(' ')} of ${timeline.language}`);
  if (!known)
    details.push(`no letter list for "${timeline.language}": checked the basic Latin alphabet and the caption text`);
  const passed = missingInCaptions.length === 0 && missingInLanguage.length === 0;
  const measured = passed
    ? `${name} covers the ${distinct} characters used and the letters of ${timeline.language}`
    : `${name} lacks ${[...new Set([...missingInCaptions, ...missingInLanguage])].join(' ')}`;
  return { ...STANDARDS.font, passed, measured, details: details.length ? details : undefined };
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
function colourContrast(first: string, second: string): number {
  const luminance = (hex: string): number => {
    const [red, green, blue] = [1, 3, 5].map((offset) => {
      const channel = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}
