import type { WordTiming } from '@looply/core';
import type { SilentGap } from './speech-activity.js';

export type PauseAfter = 'none' | 'clause' | 'sentence';

/** A caption word: its text with any punctuation attached, how long it takes to say, the pause after it. */
export interface SpokenWord {
  text: string;
  weight: number;
  pauseAfter: PauseAfter;
}

export interface WordTimingInput {
  text: string;
  sceneIndex: number;
  /** Where the scene's speech starts and ends in the narration file. */
  startSec: number;
  endSec: number;
  /** Silent stretches detected inside the scene's speech, in narration-file seconds. */
  gaps: SilentGap[];
  /** Typical pauses at the speaking rate used: after a comma-like mark, after a sentence. */
  clausePauseSec: number;
  sentencePauseSec: number;
}

const VOWEL_GROUPS = /[aeiouyàâäáãåéèêëíìîïóòôöõúùûüýÿœæø]+/gu;

/** Rough syllable count: vowel groups, plus one per digit ("1920" is said in several syllables). */
export function syllableCount(word: string): number {
  const lower = word.toLowerCase();
  const vowels = lower.match(VOWEL_GROUPS)?.length ?? 0;
  const digits = lower.match(/\p{N}/gu)?.length ?? 0;
  return Math.max(1, vowels + digits);
}

function pauseAfter(token: string): PauseAfter {
  const end = token.replace(/["'’”»)\]\s\u00a0]+$/u, '');
  if (/[.!?…]$/u.test(end)) return 'sentence';
  if (/[,;:—–]$/u.test(end)) return 'clause';
  return 'none';
}

/**
 * Words as captions show them. Punctuation standing alone (French « : », « ! ») joins the word
 * before it with a no-break space, so no caption word is bare punctuation.
 */
export function splitSpokenWords(text: string): SpokenWord[] {
  const words: SpokenWord[] = [];
  let pending = '';
  for (const token of text.split(/\s+/u).filter(Boolean)) {
    if (!/[\p{L}\p{N}]/u.test(token)) {
      if (words.length > 0) {
        const previous = words[words.length - 1];
        previous.text = `${previous.text}\u00a0${token}`;
        previous.pauseAfter = pauseAfter(previous.text);
      } else {
        pending = `${pending}${token}\u00a0`;
      }
      continue;
    }
    const wordText = `${pending}${token}`;
    pending = '';
    const letters = token.match(/[\p{L}\p{N}]/gu)?.length ?? 1;
    words.push({
      text: wordText,
      weight: 0.25 + 0.75 * syllableCount(token) + 0.08 * letters,
      pauseAfter: pauseAfter(wordText),
    });
  }
  return words;
}

interface Slot {
  startSec: number;
  endSec: number;
}

/** Lays words out over [startSec, endSec] by weight, leaving the expected pause after punctuation. */
function layOut(words: SpokenWord[], startSec: number, endSec: number, input: WordTimingInput): Slot[] {
  const span = Math.max(0, endSec - startSec);
  const pauses = words.map((word, index) => {
    if (index === words.length - 1) return 0;
    if (word.pauseAfter === 'sentence') return input.sentencePauseSec;
    return word.pauseAfter === 'clause' ? input.clausePauseSec : 0;
  });
  const totalPause = pauses.reduce((sum, pause) => sum + pause, 0);
  // Pauses never take more than 40% of the span, so words keep most of the time.
  const pauseScale = totalPause > 0.4 * span ? (0.4 * span) / totalPause : 1;
  const totalWeight = words.reduce((sum, word) => sum + word.weight, 0);
  const perWeight = totalWeight > 0 ? (span - totalPause * pauseScale) / totalWeight : 0;
  const slots: Slot[] = [];
  let time = startSec;
  for (const [index, word] of words.entries()) {
    const end = time + word.weight * perWeight;
    slots.push({ startSec: time, endSec: end });
    time = end + pauses[index] * pauseScale;
  }
  return slots;
}

interface Anchor {
  /** Index of the word the gap follows. */
  wordIndex: number;
  gap: SilentGap;
}

// Costs, in seconds of misplacement, of leaving a punctuation mark or a detected gap unmatched.
const UNMATCHED_PUNCTUATION_COST = 0.35;
const UNMATCHED_GAP_COST = 0.25;

/**
 * Matches punctuation pauses to detected silent gaps (an edit-distance style alignment on
 * their estimated times), so words after a comma or full stop start when speech resumes.
 */
function anchorPauses(words: SpokenWord[], estimate: Slot[], gaps: SilentGap[]): Anchor[] {
  const boundaries = words
    .map((word, index) => ({ word, index }))
    .filter(({ word, index }) => index < words.length - 1 && word.pauseAfter !== 'none')
    .map(({ index }) => ({ wordIndex: index, timeSec: (estimate[index].endSec + estimate[index + 1].startSec) / 2 }));
  const rows = boundaries.length;
  const columns = gaps.length;
  if (rows === 0 || columns === 0) return [];
  const cost = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(Number.POSITIVE_INFINITY));
  cost[0][0] = 0;
  for (let row = 0; row <= rows; row++) {
    for (let column = 0; column <= columns; column++) {
      const here = cost[row][column];
      if (!Number.isFinite(here)) continue;
      if (row < rows) cost[row + 1][column] = Math.min(cost[row + 1][column], here + UNMATCHED_PUNCTUATION_COST);
      if (column < columns) cost[row][column + 1] = Math.min(cost[row][column + 1], here + UNMATCHED_GAP_COST);
      if (row < rows && column < columns) {
        const gap = gaps[column];
        const distance = Math.abs(boundaries[row].timeSec - (gap.startSec + gap.endSec) / 2);
        cost[row + 1][column + 1] = Math.min(cost[row + 1][column + 1], here + distance);
      }
    }
  }
  const anchors: Anchor[] = [];
  let row = rows;
  let column = columns;
  while (row > 0 || column > 0) {
    const here = cost[row][column];
    const epsilon = 1e-9;
    if (row > 0 && column > 0) {
      const gap = gaps[column - 1];
      const distance = Math.abs(boundaries[row - 1].timeSec - (gap.startSec + gap.endSec) / 2);
      if (Math.abs(cost[row - 1][column - 1] + distance - here) < epsilon) {
        anchors.unshift({ wordIndex: boundaries[row - 1].wordIndex, gap });
        row--;
        column--;
        continue;
      }
    }
    if (row > 0 && Math.abs(cost[row - 1][column] + UNMATCHED_PUNCTUATION_COST - here) < epsilon) row--;
    else column--;
  }
  return anchors;
}

const roundMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * Estimated word timings for one scene: the speech time is shared out by syllable weight with
 * pauses after punctuation, and those pauses snap to the silences actually found in the audio.
 * Words are in order, do not overlap and stay inside [startSec, endSec].
 */
export function estimateWordTimings(input: WordTimingInput): WordTiming[] {
  const words = splitSpokenWords(input.text);
  if (words.length === 0) return [];
  const gaps = input.gaps.filter((gap) => gap.startSec > input.startSec && gap.endSec < input.endSec);
  const estimate = layOut(words, input.startSec, input.endSec, input);
  const anchors = anchorPauses(words, estimate, gaps);

  const slots: Slot[] = [];
  let segmentStart = input.startSec;
  let firstWord = 0;
  for (const anchor of [...anchors, undefined]) {
    const lastWord = anchor ? anchor.wordIndex : words.length - 1;
    const segmentEnd = anchor ? anchor.gap.startSec : input.endSec;
    slots.push(...layOut(words.slice(firstWord, lastWord + 1), segmentStart, segmentEnd, input));
    if (anchor) {
      segmentStart = anchor.gap.endSec;
      firstWord = lastWord + 1;
    }
  }

  const timings: WordTiming[] = [];
  let previousEnd = input.startSec;
  for (const [index, word] of words.entries()) {
    const startSec = Math.min(input.endSec, Math.max(previousEnd, roundMs(slots[index].startSec)));
    const endSec = Math.min(input.endSec, Math.max(startSec, roundMs(slots[index].endSec)));
    timings.push({ text: word.text, startSec, endSec, sceneIndex: input.sceneIndex });
    previousEnd = endSec;
  }
  return timings;
}
