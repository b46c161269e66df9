import type { TimelineCaption } from '@looply/core';

/** One span of a caption during which one word is highlighted (the whole caption when `word` is undefined). */
export interface HighlightSpan {
  startSec: number;
  endSec: number;
  /** Index of the highlighted word in the caption's words. */
  word: number | undefined;
}

/**
 * The caption's lines as words, in the caption's word order, or undefined when the lines do not
 * spell its words one after the other (a hand-made timeline): then the caption is drawn without
 * highlight. Words are matched as they are written, so a word holding a space ("simplement :",
 * punctuation glued by the caption layout) stays one word.
 */
export function captionLineWords(caption: Pick<TimelineCaption, 'lines' | 'words'>): string[][] | undefined {
  let next = 0;
  const lines: string[][] = [];
  for (const line of caption.lines) {
    const words: string[] = [];
    let position = 0;
    while (position < line.length) {
      const word = caption.words[next]?.text.trim();
      if (!word || !line.startsWith(word, position)) return undefined;
      words.push(word);
      next += 1;
      position += word.length;
      if (position < line.length && line[position] !== ' ') return undefined;
      position += 1;
    }
    lines.push(words);
  }
  return next === caption.words.length ? lines : undefined;
}

/**
 * When each word of a caption is the highlighted one: from its start to the next word's start
 * (the first from the caption's appearance, the last until the caption leaves), so the spans
 * abut and the highlight moves exactly at each word's onset. Times are rounded to centiseconds
 * (ASS precision) and empty spans dropped.
 */
export function highlightSpans(caption: Pick<TimelineCaption, 'startSec' | 'endSec' | 'words'>): HighlightSpan[] {
  const centi = (seconds: number): number => Math.max(0, Math.round(seconds * 100));
  const start = centi(caption.startSec);
  const end = centi(caption.endSec);
  const spans: HighlightSpan[] = [];
  caption.words.forEach((word, index) => {
    const from = index === 0 ? start : Math.min(end, Math.max(start, centi(word.startSec)));
    const next = caption.words[index + 1];
    const to = next ? Math.min(end, Math.max(from, centi(next.startSec))) : end;
    if (to > from) spans.push({ startSec: from / 100, endSec: to / 100, word: index });
  });
  return spans;
}

/**
 * ASS dialogue text of a caption with word `highlighted` styled apart. `escape` makes user text
 * literal; `wordOn`/`wordOff` are the override blocks around the highlighted word, `othersOn`
 * (optional) precedes every other word (e.g. to hide it on the box layer).
 */
export function highlightedText(
  lines: string[][],
  highlighted: number,
  escape: (text: string) => string,
  tags: { wordOn: string; wordOff: string; othersOn?: string },
): string {
  let index = 0;
  return lines
    .map((line) =>
      line
        .map((word) => {
          const text = escape(word.replace(/\u00a0/g, ' '));
          const current = index === highlighted;
          index += 1;
          if (current) return `{${tags.wordOn}}${text}{${tags.wordOff}}`;
          return tags.othersOn ? `{${tags.othersOn}}${text}` : text;
        })
        .join(' '),
    )
    .join('\\N');
}
