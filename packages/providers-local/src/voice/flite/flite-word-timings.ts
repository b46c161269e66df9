/** One segment Flite synthesised: a phone, or `pau` for silence, and where it lies in the WAV. */
export interface FliteSegment {
  phone: string;
  startSec: number;
  endSec: number;
}

/** Where a word's phones start and end in the WAV; equal when the word made no sound. */
export interface WordSpan {
  startSec: number;
  endSec: number;
}

const PAUSE = 'pau';

/**
 * Reads `flite -psdur` output: one line per utterance (Flite splits the text into sentences),
 * `phone:endTime` pairs whose times restart at zero on each line. Flite writes the utterances'
 * audio end to end, so each line is offset by where the previous one ended.
 */
export function parseFliteSegments(stdout: string): FliteSegment[] {
  const segments: FliteSegment[] = [];
  let offset = 0;
  for (const line of stdout.split('\n')) {
    const pairs = line.trim().split(/\s+/u).filter(Boolean);
    if (pairs.length === 0) continue;
    let start = 0;
    for (const pair of pairs) {
      const match = /^(.+):(\d+(?:\.\d+)?)$/u.exec(pair);
      if (!match) throw new Error(`Unexpected Flite segment "${pair}"`);
      const end = Number(match[2]);
      segments.push({ phone: match[1], startSec: offset + start, endSec: offset + end });
      start = end;
    }
    offset += start;
  }
  return segments;
}

/** Reads `flite -ps` output of words given one per utterance: each line's phones, pauses left out. */
export function parseFlitePhoneLines(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) =>
      line
        .trim()
        .split(/\s+/u)
        .filter((phone) => phone !== PAUSE),
    );
}

/**
 * Gives each word the span of its own phones in the synthesised speech. `wordPhones` are the
 * words' pronunciations said one by one; in running speech a few phones can differ (reduced
 * vowels, "the" before a vowel), so the two phone sequences are aligned by edit distance and a
 * word spans the segments aligned to its phones. A word with no phones of its own (a dash said
 * as nothing) gets an empty span where the previous word ended.
 */
export function wordSpansFromSegments(wordPhones: string[][], segments: FliteSegment[]): WordSpan[] {
  const spoken = segments.filter((segment) => segment.phone !== PAUSE);
  const expected = wordPhones.flatMap((phones, word) => phones.map((phone) => ({ phone, word })));
  const owner = alignOwners(expected, spoken);
  const spans: Array<WordSpan | undefined> = wordPhones.map(() => undefined);
  for (const [index, segment] of spoken.entries()) {
    const word = owner[index];
    const span = spans[word];
    spans[word] = span
      ? { startSec: span.startSec, endSec: segment.endSec }
      : { startSec: segment.startSec, endSec: segment.endSec };
  }
  let previousEnd = spoken[0]?.startSec ?? 0;
  return spans.map((span) => {
    // Keep words in order even if an odd alignment put one inside its neighbour.
    const result = span
      ? { startSec: Math.max(span.startSec, previousEnd), endSec: Math.max(span.endSec, previousEnd) }
      : { startSec: previousEnd, endSec: previousEnd };
    previousEnd = result.endSec;
    return result;
  });
}

/**
 * For each spoken segment, the index of the word it belongs to: a Levenshtein alignment of the
 * expected phones (tagged with their word) against the spoken ones. A spoken phone with no
 * expected counterpart belongs to the word of the previous aligned phone (or the first word).
 */
function alignOwners(expected: Array<{ phone: string; word: number }>, spoken: FliteSegment[]): number[] {
  const rows = expected.length + 1;
  const columns = spoken.length + 1;
  const cost = new Uint32Array(rows * columns);
  for (let row = 0; row < rows; row++) cost[row * columns] = row;
  for (let column = 0; column < columns; column++) cost[column] = column;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const substitution =
        cost[(row - 1) * columns + column - 1] + (expected[row - 1].phone === spoken[column - 1].phone ? 0 : 1);
      const deletion = cost[(row - 1) * columns + column] + 1;
      const insertion = cost[row * columns + column - 1] + 1;
      cost[row * columns + column] = Math.min(substitution, deletion, insertion);
    }
  }
  const owner: number[] = new Array<number>(spoken.length).fill(-1);
  let row = rows - 1;
  let column = columns - 1;
  while (row > 0 && column > 0) {
    const here = cost[row * columns + column];
    const match = expected[row - 1].phone === spoken[column - 1].phone ? 0 : 1;
    if (here === cost[(row - 1) * columns + column - 1] + match) {
      owner[column - 1] = expected[row - 1].word;
      row--;
      column--;
    } else if (here === cost[(row - 1) * columns + column] + 1) {
      row--;
    } else {
      column--;
    }
  }
  let last = 0;
  for (let index = 0; index < owner.length; index++) {
    if (owner[index] < 0) owner[index] = last;
    last = owner[index];
  }
  return owner;
}
