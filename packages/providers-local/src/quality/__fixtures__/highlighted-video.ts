import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Timeline } from '@looply/core';
import { buildAssSubtitles } from '../../assembly/ass-subtitles.js';
import { readFontVerticalMetrics } from '../../assembly/font-vertical-metrics.js';
import { fontsDirectory } from '../../fonts/fonts-directory.js';
import { libassFontFor } from '../../fonts/libass-font.js';
import type { QualityTimeline } from '../quality-timeline.js';
import { GOOD_ENCODING, ffmpeg, movingBackground, speechLikeAudio } from './fixture-videos.js';

/** Test-only: the timeline with every word after a caption's first starting `shiftSec` later. */
export function shiftedWords(timeline: QualityTimeline, shiftSec: number): QualityTimeline {
  return {
    ...timeline,
    captions: timeline.captions.map((caption) => ({
      ...caption,
      words: caption.words.map((word, index) =>
        index === 0 ? word : { ...word, startSec: word.startSec + shiftSec, endSec: word.endSec + shiftSec },
      ),
    })),
  };
}

/**
 * A video over the moving background with the timeline's captions burned by the assembler's own
 * ASS writer (so with its word highlight), optionally from a different timeline (`drawn`).
 */
export async function renderHighlightedVideo(
  directory: string,
  name: string,
  timeline: QualityTimeline,
  drawn: QualityTimeline = timeline,
): Promise<string> {
  const style = drawn.captionStyle as Timeline['captionStyle'];
  const font = libassFontFor(style.font);
  const subtitles = buildAssSubtitles(drawn as unknown as Pick<Timeline, 'output' | 'captions' | 'captionStyle'>, {
    family: font.family,
    bold: font.bold,
    metrics: readFontVerticalMetrics(font.file),
  });
  const assFile = join(directory, `${name}.ass`);
  await writeFile(assFile, subtitles.text, 'utf8');
  const fonts = await fontsDirectory({ fonts: [style.font] });
  const file = join(directory, name);
  const { width, height } = timeline.output;
  await ffmpeg([
    ...movingBackground(width, height, timeline.durationSec),
    ...speechLikeAudio(timeline.durationSec),
    '-vf',
    `subtitles=${assFile}:fontsdir=${fonts}`,
    ...GOOD_ENCODING,
    file,
  ]);
  return file;
}
