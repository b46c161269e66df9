import { decodeWav, throwIfAborted, type PcmAudio } from '@looply/core';
import { resampleLinear } from './pcm-conversion.js';
import { findSpeechBounds } from './speech-activity.js';
import { splitSpokenWords } from './word-timing-estimate.js';
import { flitePhoneLines, type FliteResult } from './flite/flite-wasm-engine.js';
import {
  parseFlitePhoneLines,
  parseFliteSegments,
  wordSpansFromSegments,
  type WordSpan,
} from './flite/flite-word-timings.js';

export interface SceneSpeechWithWords {
  samples: Int16Array;
  /** Each caption word's span, in seconds from the start of `samples`. */
  words: Array<WordSpan & { text: string }>;
}

/**
 * Each caption word said on its own, one utterance per word (Flite breaks utterances at blank
 * lines), to learn which phones are whose. Its audio is thrown away.
 */
async function pronunciations(words: string[], abortSignal: AbortSignal): Promise<string[][]> {
  if (words.length === 0) return [];
  // No-break spaces join punctuation to its word in captions; Flite should read them as spaces.
  const text = `${words.map((word) => word.replace(/\u00a0/gu, ' ')).join('\n\n')}\n\n`;
  const lines = parseFlitePhoneLines(await flitePhoneLines(text, abortSignal));
  if (lines.length === words.length) return lines;
  // A word Flite split into two utterances ("e.g."): ask for each word on its own instead.
  const one = async (word: string) =>
    parseFlitePhoneLines(await flitePhoneLines(`${word.replace(/\u00a0/gu, ' ')}\n\n`, abortSignal)).flat();
  const each: string[][] = [];
  for (const word of words) each.push(await one(word));
  return each;
}

/**
 * One scene voiced by a synthesiser that reports its segments (Flite, Festival): the speech
 * with its leading and trailing silence cut off, and every caption word's span taken from the
 * phone durations the synthesiser used to make that speech.
 */
export async function timedSceneSpeech(
  text: string,
  synthesize: (text: string) => Promise<FliteResult>,
  sampleRate: number | undefined,
  abortSignal: AbortSignal,
): Promise<SceneSpeechWithWords & { audio: PcmAudio }> {
  throwIfAborted(abortSignal);
  const spoken = splitSpokenWords(text).map((word) => word.text);
  const [{ wav, segments }, phones] = await Promise.all([synthesize(text), pronunciations(spoken, abortSignal)]);
  const decoded = decodeWav(wav, 'synthesiser output');
  const audio = resampleLinear(decoded, sampleRate ?? decoded.sampleRate);
  const spans = wordSpansFromSegments(phones, parseFliteSegments(segments));
  const bounds = findSpeechBounds(audio.samples, audio.sampleRate) ?? { start: 0, end: audio.samples.length };
  const offsetSec = bounds.start / audio.sampleRate;
  const lengthSec = (bounds.end - bounds.start) / audio.sampleRate;
  const clamp = (seconds: number) => Math.min(lengthSec, Math.max(0, seconds - offsetSec));
  return {
    audio,
    samples: audio.samples.subarray(bounds.start, bounds.end),
    words: spans.map((span, index) => ({
      text: spoken[index],
      startSec: clamp(span.startSec),
      endSec: clamp(span.endSec),
    })),
  };
}
