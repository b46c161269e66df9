/** Spoken words in `text`: whitespace-separated tokens holding a letter or a digit (so « : » or "—" do not count). */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(token)) count++;
  return count;
}
