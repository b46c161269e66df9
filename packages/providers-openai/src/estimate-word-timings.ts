import type { WordTiming } from '@looply/core';

/** Extra weight (in letters) for the breath a speaker takes after punctuation. */
function pauseAfter(word: string): number {
  if (/[.!?…。！？]["'»”)]*$/u.test(word)) return 6;
  if (/[,;:，、；：]["'»”)]*$/u.test(word)) return 3;
  return 1;
}

function spokenWeight(word: string): number {
  return Math.max(1, (word.match(/[\p{L}\p{N}]/gu) ?? []).length);
}

/**
 * Spreads a scene's words over the span where speech was heard, in proportion to their letters
 * plus a short gap (longer after punctuation). An estimate: OpenAI speech has no alignment.
 */
export function estimateWordTimings(text: string, sceneIndex: number, startSec: number, endSec: number): WordTiming[] {
  const words = text.split(/\s+/).filter((word) => word.length > 0);
  if (words.length === 0 || endSec <= startSec) return [];
  const gaps = words.map((word, index) => (index < words.length - 1 ? pauseAfter(word) : 0));
  const total = words.reduce((sum, word, index) => sum + spokenWeight(word) + gaps[index], 0);
  const secondsPerUnit = (endSec - startSec) / total;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const timings: WordTiming[] = [];
  let cursor = startSec;
  for (const [index, word] of words.entries()) {
    const end = cursor + spokenWeight(word) * secondsPerUnit;
    timings.push({ text: word, startSec: round(cursor), endSec: round(Math.min(end, endSec)), sceneIndex });
    cursor = end + gaps[index] * secondsPerUnit;
  }
  return timings;
}
