import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StyleFont, Timeline, WarningV1 } from '@looply/core';
import { missingCharacters } from '../fonts/font-coverage.js';
import { fontsDirectory } from '../fonts/fonts-directory.js';
import { libassFontFor } from '../fonts/libass-font.js';
import { buildAssSubtitles } from './ass-subtitles.js';
import { canvasLineMeasure } from './canvas-line-measure.js';
import { readFontVerticalMetrics } from './font-vertical-metrics.js';

const FALLBACK_CAPTION_FONT: StyleFont = { family: 'Inter', weight: 800 };

/** Writes `captions.ass` and a `fonts` folder holding the caption font into the work folder. */
export async function writeSubtitles(
  timeline: Timeline,
  work: string,
  warnings: WarningV1[],
): Promise<{ file: string; fontsDirectory: string }> {
  let font = timeline.captionStyle.font;
  let libassFont;
  try {
    libassFont = libassFontFor(font);
  } catch (error) {
    warnings.push({
      type: 'other',
      message: `caption font ${font.family} ${font.weight} is not installed (${error instanceof Error ? error.message : String(error)}); using ${FALLBACK_CAPTION_FONT.family} ${FALLBACK_CAPTION_FONT.weight}`,
    });
    font = FALLBACK_CAPTION_FONT;
    libassFont = libassFontFor(font);
  }
  const missing = missingCharacters(font, timeline.captions.flatMap((caption) => caption.lines).join(' '));
  if (missing.length > 0)
    warnings.push({
      type: 'other',
      message: `caption font ${font.family} has no glyph for ${missing.join(' ')}; libass falls back to a system font for them`,
    });
  const fontsFolder = join(work, 'fonts');
  await mkdir(fontsFolder, { recursive: true });
  await fontsDirectory({ directory: fontsFolder, fonts: [font] });
  const subtitles = buildAssSubtitles(
    { ...timeline, captionStyle: { ...timeline.captionStyle, font } },
    { family: libassFont.family, bold: libassFont.bold, metrics: readFontVerticalMetrics(libassFont.file) },
    canvasLineMeasure(font),
  );
  warnings.push(...subtitles.warnings);
  await writeFile(join(work, 'captions.ass'), subtitles.text, 'utf8');
  return { file: 'captions.ass', fontsDirectory: 'fonts' };
}
