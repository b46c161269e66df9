import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWav } from '@looply/core';
import { signedMilliseconds } from '../format-figures.js';
import type { QualityTimeline } from '../quality-timeline.js';
import { notMeasured, type QualityStandardResult } from '../quality-report.js';
import { runMediaTool } from '../run-media-tool.js';
import { findPocketsphinx, POCKETSPHINX_MISSING, type Pocketsphinx } from './find-pocketsphinx.js';
import { refineOnsets } from './onset-refinement.js';
import { alignWords } from './pocketsphinx-alignment.js';

export const MAX_WORD_START_ERROR_SEC = 0.1;
export const MIN_WORDS_ON_TIME = 0.95;
export const MAX_CAPTION_ONSET_ERROR_SEC = 0.15;
const MAX_DETAILS = 5;

const STANDARD = {
  id: 'captions.speech',
  group: 'captions' as const,
  label: 'Captions vs speech',
  limit: `≥ ${MIN_WORDS_ON_TIME * 100} % of word starts within ${MAX_WORD_START_ERROR_SEC * 1000} ms, every caption onset within ${MAX_CAPTION_ONSET_ERROR_SEC * 1000} ms`,
};

export interface CaptionSpeechInput {
  file: string;
  ffmpegPath: string;
  timeline?: QualityTimeline;
  hasAudio: boolean;
  /** Default: found on PATH; null: behave as if it were not installed. */
  pocketsphinx?: Pocketsphinx | null;
  abortSignal?: AbortSignal;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Captions against what is heard: the video's audio is force-aligned onto the caption words by
 * an independent recogniser (pocketsphinx), and each word's start in the timeline is compared
 * with where the recogniser found it (its start moved past any silence the recogniser let it
 * swallow); each caption's onset with its first word's. The timeline's
 * own word timings cannot show when they are themselves wrong; this can. English only (the
 * recogniser's model); not measured, with the reason, where it cannot run.
 */
export async function captionSpeechStandard(input: CaptionSpeechInput): Promise<QualityStandardResult> {
  const { timeline } = input;
  if (!timeline) return notMeasured(STANDARD, 'no timeline');
  const words = timeline.captions.flatMap((caption, captionIndex) =>
    caption.words.map((word) => ({ ...word, captionIndex })),
  );
  if (words.length === 0) return notMeasured(STANDARD, 'no caption words in the timeline');
  if (!input.hasAudio) return notMeasured(STANDARD, 'the video has no audio');
  if (timeline.language.toLowerCase().split('-')[0] !== 'en')
    return notMeasured(STANDARD, `no speech aligner for language "${timeline.language}" (English only)`);
  const pocketsphinx = input.pocketsphinx === undefined ? findPocketsphinx() : input.pocketsphinx;
  if (!pocketsphinx) return notMeasured(STANDARD, POCKETSPHINX_MISSING);

  const folder = await mkdtemp(join(tmpdir(), 'looply-speech-check-'));
  let aligned;
  try {
    const wav = join(folder, 'speech.wav');
    await runMediaTool({
      binary: input.ffmpegPath,
      args: [
        '-nostdin',
        '-v',
        'error',
        '-i',
        input.file,
        '-vn',
        '-ac',
        '1',
        '-ar',
        '16000',
        '-c:a',
        'pcm_s16le',
        '-y',
        wav,
      ],
      what: 'extracting the audio for alignment',
      abortSignal: input.abortSignal,
    });
    aligned = await alignWords(
      pocketsphinx,
      wav,
      words.map((word) => word.text),
      input.abortSignal,
    );
    if (aligned) {
      const audio = decodeWav(await readFile(wav), 'the extracted audio');
      aligned = refineOnsets(aligned, audio.samples, audio.sampleRate);
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  if (!aligned) return notMeasured(STANDARD, 'pocketsphinx could not align the caption words with the audio');

  const errors: number[] = [];
  for (const [index, word] of words.entries()) {
    const heard = aligned[index];
    if (heard) errors.push(word.startSec - heard.startSec);
  }
  const onsets = timeline.captions.flatMap((caption, captionIndex) => {
    const first = words.findIndex((word) => word.captionIndex === captionIndex);
    const heard = first >= 0 ? aligned[first] : undefined;
    return heard
      ? [
          {
            captionIndex,
            text: caption.lines.join(' '),
            error: caption.startSec - heard.startSec,
            heardSec: heard.startSec,
            shownSec: caption.startSec,
          },
        ]
      : [];
  });
  if (errors.length === 0 || onsets.length === 0)
    return notMeasured(STANDARD, 'pocketsphinx placed no caption’s first word in the audio');
  const onTime = errors.filter((error) => Math.abs(error) <= MAX_WORD_START_ERROR_SEC + 1e-9).length / errors.length;
  const worst = onsets.reduce(
    (current, onset) => (Math.abs(onset.error) > Math.abs(current.error) ? onset : current),
    onsets[0],
  );
  const late = onsets
    .filter((onset) => Math.abs(onset.error) > MAX_CAPTION_ONSET_ERROR_SEC + 1e-9)
    .sort((left, right) => Math.abs(right.error) - Math.abs(left.error));
  const details = late
    .slice(0, MAX_DETAILS)
    .map(
      (onset) =>
        `caption ${onset.captionIndex + 1} "${onset.text}": shown at ${onset.shownSec.toFixed(3)} s, first word heard at ${onset.heardSec.toFixed(3)} s (${signedMilliseconds(onset.error)})`,
    );
  if (late.length > MAX_DETAILS) details.push(`… and ${late.length - MAX_DETAILS} more`);
  details.push(
    `${errors.length} of ${words.length} caption words placed in the audio by pocketsphinx forced alignment`,
  );
  const percent = Math.round(onTime * 1000) / 10;
  return {
    ...STANDARD,
    passed: onTime >= MIN_WORDS_ON_TIME && late.length === 0,
    measured: `${percent} % of word starts within ${MAX_WORD_START_ERROR_SEC * 1000} ms, median ${Math.round(median(errors.map(Math.abs)) * 1000)} ms, worst caption onset ${signedMilliseconds(worst.error)}`,
    value: percent,
    unit: '%',
    details,
  };
}
