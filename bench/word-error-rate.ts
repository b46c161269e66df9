/** Words for scoring: lower case, letters, digits and apostrophes only. */
export function scoringWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/gu, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/gu, ''))
    .filter(Boolean);
}

/** Word error rate: (substitutions + deletions + insertions) / reference words, by edit distance. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const expected = scoringWords(reference);
  const heard = scoringWords(hypothesis);
  let previous = Array.from({ length: heard.length + 1 }, (_, index) => index);
  for (let row = 1; row <= expected.length; row++) {
    const current = [row];
    for (let column = 1; column <= heard.length; column++) {
      current[column] = Math.min(
        previous[column] + 1,
        current[column - 1] + 1,
        previous[column - 1] + (expected[row - 1] === heard[column - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return expected.length === 0 ? 0 : previous[heard.length] / expected.length;
}
