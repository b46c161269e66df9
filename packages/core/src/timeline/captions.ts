import { z } from 'zod';
import type { WordTiming } from '../domain/narration.js';
import { parseWith } from '../errors/validation.js';
import type { TimelineCaption, TimelineCaptionWord } from './timeline.js';

export const captionOptionsSchema = z.strictObject({
  /** Longest line, in characters (code points). A single word longer than this gets a line of its own. */
  maxCharsPerLine: z.number().int().min(8).max(80).default(32),
  /** Lines per caption: 1 or 2. */
  maxLines: z.union([z.literal(1), z.literal(2)]).default(2),
  /** A silence at least this long between two words never stays inside one caption. */
  maxPauseSec: z.number().positive().max(5).default(0.6),
  /** How long a caption may stay up after its last word, only into silence (never over the next caption). */
  lingerSec: z.number().min(0).max(0.15).default(0.05),
  /** Captions are kept shorter than this unless a single word lasts longer. */
  maxDurationSec: z.number().positive().max(20).default(6),
  /** No caption ends after this time (the end of the video). */
  endLimitSec: z.number().positive().optional(),
});
export type CaptionOptions = z.input<typeof captionOptionsSchema>;
type ParsedCaptionOptions = z.output<typeof captionOptionsSchema>;

const NO_BREAK_SPACE = '\u00a0';
const SENTENCE_END = /[.!?…。！？]["'’”»)\]]*$/u;
const CLAUSE_END = /[,;:—–-]["'’”»)\]]*$/u;
const CLOSING_PUNCTUATION_ONLY = /^[\p{Pe}\p{Pf}\p{Po}\p{Pd}%]+$/u;
const OPENING_PUNCTUATION_ONLY = /^[\p{Ps}\p{Pi}¿¡]+$/u;

/** Costs that steer where captions break; only their relative size matters. */
const COST = {
  perCaption: 4,
  breakAfterSentence: 0,
  breakAfterClause: 2,
  breakAtPause: 1,
  breakMidPhrase: 6,
  breakAfterShortWord: 2,
  sentenceInside: 7,
  pauseInside: 40,
  tooLong: 30,
  lonelyShortWord: 3,
  lineImbalance: 4,
  lineBreakAfterPunctuation: -1.5,
} as const;

interface CaptionToken extends TimelineCaptionWord {
  sceneIndex: number;
}

/** Characters as a reader counts them (code points). */
export function characterCount(text: string): number {
  return [...text].length;
}

/**
 * Groups timed words into on-screen captions: at most `maxLines` lines of at most
 * `maxCharsPerLine` characters, never splitting a word, preferring breaks at sentence ends,
 * clause punctuation and pauses, never crossing a scene boundary, with balanced two-line splits.
 * A caption starts at its first word's start and ends at its last word's end, plus at most
 * `lingerSec` of silence.
 */
export function buildCaptions(words: readonly WordTiming[], options: CaptionOptions = {}): TimelineCaption[] {
  const settings = parseWith(captionOptionsSchema, options, 'caption options');
  const tokens = captionTokens(words);
  const captions: TimelineCaption[] = [];
  for (const run of sceneRuns(tokens)) {
    for (const group of groupTokens(run, settings)) {
      const lines = layoutLines(group, settings);
      if (!lines) throw new Error('caption layout failed for a group the grouping accepted');
      captions.push({
        startSec: group[0].startSec,
        endSec: Math.max(...group.map((token) => token.endSec)),
        lines,
        words: group.map(({ text, startSec, endSec }) => ({ text, startSec, endSec })),
        sceneIndex: group[0].sceneIndex,
      });
    }
  }
  return settleCaptionTimes(captions, settings);
}

/**
 * Cleans word texts (whitespace, empty words) and glues punctuation-only words to their
 * neighbour with a no-break space ("Bonjour !"), so no line starts with "!" or ends with "«".
 */
function captionTokens(words: readonly WordTiming[]): CaptionToken[] {
  const sorted = words
    .map((word, index) => ({ word, index }))
    .sort((a, b) => a.word.startSec - b.word.startSec || a.index - b.index)
    .map(({ word }) => word);
  const tokens: CaptionToken[] = [];
  let pendingOpening: CaptionToken | undefined;
  for (const word of sorted) {
    const text = word.text.replace(/\s+/gu, ' ').trim();
    if (!text) continue;
    const token: CaptionToken = {
      text,
      startSec: word.startSec,
      endSec: Math.max(word.endSec, word.startSec),
      sceneIndex: word.sceneIndex,
    };
    if (pendingOpening && pendingOpening.sceneIndex !== token.sceneIndex) {
      tokens.push(pendingOpening);
      pendingOpening = undefined;
    }
    const previous = tokens.at(-1);
    if (
      CLOSING_PUNCTUATION_ONLY.test(text) &&
      !pendingOpening &&
      previous &&
      previous.sceneIndex === token.sceneIndex
    ) {
      previous.text = `${previous.text}${NO_BREAK_SPACE}${text}`;
      previous.endSec = Math.max(previous.endSec, token.endSec);
      continue;
    }
    if (pendingOpening) {
      token.text = `${pendingOpening.text}${NO_BREAK_SPACE}${token.text}`;
      token.startSec = pendingOpening.startSec;
      pendingOpening = undefined;
    }
    if (OPENING_PUNCTUATION_ONLY.test(text)) {
      pendingOpening = token;
      continue;
    }
    tokens.push(token);
  }
  if (pendingOpening) tokens.push(pendingOpening);
  return tokens;
}

/** Consecutive tokens of the same scene: captions never cross a scene boundary. */
function sceneRuns(tokens: CaptionToken[]): CaptionToken[][] {
  const runs: CaptionToken[][] = [];
  for (const token of tokens) {
    const run = runs.at(-1);
    if (run && run[0].sceneIndex === token.sceneIndex) run.push(token);
    else runs.push([token]);
  }
  return runs;
}

/** Splits one scene's tokens into captions with the lowest total cost (dynamic programming). */
function groupTokens(tokens: CaptionToken[], settings: ParsedCaptionOptions): CaptionToken[][] {
  const count = tokens.length;
  const best = new Array<number>(count + 1).fill(Number.POSITIVE_INFINITY);
  const cut = new Array<number>(count + 1).fill(0);
  best[0] = 0;
  const capacity = settings.maxCharsPerLine * settings.maxLines;
  for (let end = 1; end <= count; end += 1) {
    let characters = -1;
    for (let start = end - 1; start >= 0; start -= 1) {
      characters += characterCount(tokens[start].text) + 1;
      const single = end - start === 1;
      if (!single && characters > capacity) break;
      const cost = captionCost(tokens, start, end, settings);
      if (best[start] + cost < best[end]) {
        best[end] = best[start] + cost;
        cut[end] = start;
      }
    }
  }
  const groups: CaptionToken[][] = [];
  for (let end = count; end > 0; end = cut[end]) groups.unshift(tokens.slice(cut[end], end));
  return groups;
}

function captionCost(tokens: CaptionToken[], start: number, end: number, settings: ParsedCaptionOptions): number {
  const group = tokens.slice(start, end);
  const lines = layoutLines(group, settings);
  if (!lines) return Number.POSITIVE_INFINITY;
  let cost = COST.perCaption + lineLayoutCost(group, settings);
  for (let index = 1; index < group.length; index += 1) {
    if (group[index].startSec - group[index - 1].endSec >= settings.maxPauseSec) cost += COST.pauseInside;
    if (SENTENCE_END.test(group[index - 1].text)) cost += COST.sentenceInside;
  }
  const duration = Math.max(...group.map((token) => token.endSec)) - group[0].startSec;
  if (group.length > 1 && duration > settings.maxDurationSec) cost += COST.tooLong;
  const last = group[group.length - 1];
  if (group.length === 1 && characterCount(last.text) <= 3 && !SENTENCE_END.test(last.text))
    cost += COST.lonelyShortWord;
  if (end < tokens.length) cost += breakCost(last, tokens[end]);
  return cost;
}

/** How good it is to end a caption after `last` when `next` follows. */
function breakCost(last: CaptionToken, next: CaptionToken): number {
  if (SENTENCE_END.test(last.text)) return COST.breakAfterSentence;
  let cost: number = CLAUSE_END.test(last.text) ? COST.breakAfterClause : COST.breakMidPhrase;
  if (next.startSec - last.endSec >= 0.3) cost = Math.min(cost, COST.breakAtPause);
  if (cost === COST.breakMidPhrase && characterCount(last.text) <= 2) cost += COST.breakAfterShortWord;
  return cost;
}

/** The lines of a caption, or undefined when the words do not fit. A lone over-long word gets one line. */
function layoutLines(
  group: readonly { text: string }[],
  settings: Pick<ParsedCaptionOptions, 'maxCharsPerLine' | 'maxLines'>,
): string[] | undefined {
  const split = bestLineSplit(group, settings);
  if (split === undefined) return undefined;
  const texts = group.map((token) => token.text);
  return split === 0 ? [texts.join(' ')] : [texts.slice(0, split).join(' '), texts.slice(split).join(' ')];
}

function lineLayoutCost(group: readonly { text: string }[], settings: ParsedCaptionOptions): number {
  const split = bestLineSplit(group, settings);
  if (!split) return 0;
  return splitCost(group, split, settings.maxCharsPerLine);
}

/** 0 for one line, the index of the first word of line two, or undefined when nothing fits. */
function bestLineSplit(
  group: readonly { text: string }[],
  settings: Pick<ParsedCaptionOptions, 'maxCharsPerLine' | 'maxLines'>,
): number | undefined {
  const lengths = group.map((token) => characterCount(token.text));
  const total = lengths.reduce((sum, length) => sum + length, 0) + lengths.length - 1;
  if (total <= settings.maxCharsPerLine || group.length === 1) return 0;
  if (settings.maxLines === 1) return undefined;
  let best: number | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (let split = 1; split < group.length; split += 1) {
    const first = lengths.slice(0, split).reduce((sum, length) => sum + length, 0) + split - 1;
    const second = total - first - 1;
    if (first > settings.maxCharsPerLine || second > settings.maxCharsPerLine) continue;
    const cost = splitCost(group, split, settings.maxCharsPerLine);
    if (cost < bestCost) {
      bestCost = cost;
      best = split;
    }
  }
  return best;
}

function splitCost(group: readonly { text: string }[], split: number, maxCharsPerLine: number): number {
  const first = group
    .slice(0, split)
    .map((token) => token.text)
    .join(' ');
  const second = group
    .slice(split)
    .map((token) => token.text)
    .join(' ');
  let cost = (COST.lineImbalance * Math.abs(characterCount(first) - characterCount(second))) / maxCharsPerLine;
  const lastOfFirst = group[split - 1].text;
  if (SENTENCE_END.test(lastOfFirst) || CLAUSE_END.test(lastOfFirst)) cost += COST.lineBreakAfterPunctuation;
  else if (characterCount(lastOfFirst) <= 2) cost += 1;
  return cost;
}

/**
 * Keeps captions in order and apart: each ends at its last word, lingers at most `lingerSec`
 * into the silence before the next caption, and never overlaps the next one or the video's end.
 */
function settleCaptionTimes(captions: TimelineCaption[], settings: ParsedCaptionOptions): TimelineCaption[] {
  return captions.map((caption, index) => {
    const next = captions[index + 1];
    const limit = Math.min(
      next ? next.startSec : Number.POSITIVE_INFINITY,
      settings.endLimitSec ?? Number.POSITIVE_INFINITY,
    );
    const startSec = Math.min(caption.startSec, limit);
    const endSec = Math.max(startSec, Math.min(caption.endSec + settings.lingerSec, limit));
    return { ...caption, startSec: round(startSec), endSec: round(endSec) };
  });
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
