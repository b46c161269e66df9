/**
 * Splits a narration into request-sized chunks at sentence boundaries, so each request stays
 * within the model's character limit and no word is cut. A sentence longer than the limit is
 * split between words; a single word longer than the limit (never in real prose) is cut.
 */
export function splitNarration(text: string, maxCharacters: number, language = 'en'): string[] {
  if (!Number.isInteger(maxCharacters) || maxCharacters < 1)
    throw new RangeError(`maxCharacters must be a positive integer, got ${maxCharacters}`);
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  if (trimmed.length <= maxCharacters) return [trimmed];

  const chunks: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) chunks.push(current.trim());
    current = '';
  };
  const add = (piece: string) => {
    if ((current + piece).trim().length <= maxCharacters) {
      current += piece;
      return;
    }
    flush();
    if (piece.trim().length <= maxCharacters) current = piece.trimStart();
    else for (const part of splitLongSentence(piece.trim(), maxCharacters)) chunks.push(part);
  };
  for (const sentence of segments(trimmed, 'sentence', language)) add(sentence);
  flush();
  return chunks;
}

function splitLongSentence(sentence: string, maxCharacters: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const word of sentence.split(/(?<=\s)/)) {
    if ((current + word).trim().length <= maxCharacters) {
      current += word;
      continue;
    }
    if (current.trim()) parts.push(current.trim());
    let rest = word.trim();
    while (rest.length > maxCharacters) {
      const characters = Array.from(rest);
      parts.push(characters.slice(0, maxCharacters).join(''));
      rest = characters.slice(maxCharacters).join('');
    }
    current = rest + (/\s$/.test(word) ? ' ' : '');
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function segments(text: string, granularity: 'sentence', language: string): string[] {
  let locale = 'en';
  try {
    locale = Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    // An unusual tag still splits fine with the default rules.
  }
  const segmenter = new Intl.Segmenter(locale, { granularity });
  return Array.from(segmenter.segment(text), (segment) => segment.segment);
}
