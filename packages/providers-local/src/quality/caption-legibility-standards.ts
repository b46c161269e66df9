import type { StyleFont } from '@looply/core';
import { missingCharacters } from '../fonts/font-coverage.js';
import { CAPTION_STANDARDS, MIN_CAPTION_CONTRAST } from './caption-standard-definitions.js';
import type { CaptionMatch } from './caption-matching.js';
import { quote } from './format-figures.js';
import { languageLetters } from './language-letters.js';
import type { QualityTimeline } from './quality-timeline.js';
import { notMeasured, type QualityStandardResult } from './quality-report.js';

/** Light text on a dark outline of at least 4.5:1, in the style and on screen. */
export function contrastStandard(timeline: QualityTimeline, matches: CaptionMatch[]): QualityStandardResult {
  const style = timeline.captionStyle;
  const styleContrast = colourContrast(style.textColor, style.outlineColor);
  const details = [
    `style: ${style.textColor} text, ${style.outlineColor} outline ${style.outlineWidthPx} px (${styleContrast.toFixed(1)}:1)`,
  ];
  const seen = matches.filter((match) => match.seen);
  if (seen.length === 0) {
    return {
      ...CAPTION_STANDARDS.contrast,
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
    ...CAPTION_STANDARDS.contrast,
    passed,
    measured: `weakest ${value.toFixed(1)}:1 on screen (caption ${weakest.index + 1})`,
    value,
    unit: ':1',
    details,
  };
}

/** The caption font has every character of the captions and the letters of their language. */
export function fontCoverageStandard(timeline: QualityTimeline): QualityStandardResult {
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
      CAPTION_STANDARDS.font,
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
  return { ...CAPTION_STANDARDS.font, passed, measured, details: details.length ? details : undefined };
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
