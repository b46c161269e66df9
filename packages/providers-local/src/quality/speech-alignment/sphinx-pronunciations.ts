import { readFile } from 'node:fs/promises';
import { flitePhoneLines } from '../../voice/flite/flite-wasm-engine.js';
import { parseFlitePhoneLines } from '../../voice/flite/flite-word-timings.js';

// Flite's US English phones that the CMU dictionary's phone set writes differently.
const FLITE_TO_SPHINX: Record<string, string> = {
  ax: 'AH',
  axr: 'ER',
  ix: 'IH',
  nx: 'N',
  el: 'AH L',
  em: 'AH M',
  en: 'AH N',
};

const dictionaries = new Map<string, Promise<Map<string, string[]>>>();

/** The CMU pronouncing dictionary as word → pronunciations (`word(2)` alternatives included). */
function readDictionary(path: string): Promise<Map<string, string[]>> {
  let dictionary = dictionaries.get(path);
  if (!dictionary) {
    dictionary = readFile(path, 'utf8').then((text) => {
      const entries = new Map<string, string[]>();
      for (const line of text.split('\n')) {
        const space = line.indexOf(' ');
        if (space <= 0) continue;
        const word = line.slice(0, space).replace(/\(\d+\)$/u, '');
        const phones = line
          .slice(space + 1)
          .replace(/#.*$/u, '')
          .trim();
        if (!phones) continue;
        const list = entries.get(word) ?? [];
        list.push(phones);
        entries.set(word, list);
      }
      return entries;
    });
    dictionaries.set(path, dictionary);
    dictionary.catch(() => dictionaries.delete(path));
  }
  return dictionary;
}

/** A caption word as the dictionary spells it: lower case, straight apostrophes, no surrounding punctuation; '' when nothing is said. */
export function dictionaryKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/[’‘]/gu, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/**
 * A pronunciation (or several) per caption word: the CMU dictionary's when it has the word,
 * otherwise Flite's letter-to-sound rules and number reading ("2024", names), in the
 * dictionary's phone set. An empty list for a word that says nothing.
 */
export async function pronunciations(
  dictionaryPath: string,
  words: string[],
  abortSignal?: AbortSignal,
): Promise<string[][]> {
  const dictionary = await readDictionary(dictionaryPath);
  const keys = words.map(dictionaryKey);
  const unknown = [...new Set(keys.filter((key) => key !== '' && !dictionary.has(key)))];
  const guessed = new Map<string, string>();
  if (unknown.length > 0) {
    // One Flite run for all unknown words: one utterance per word (blank lines between them).
    const lines = parseFlitePhoneLines(await flitePhoneLines(`${unknown.join('\n\n')}\n\n`, abortSignal));
    for (const [index, key] of unknown.entries()) {
      const phones = (lines.length === unknown.length ? lines[index] : []).map(
        (phone) => FLITE_TO_SPHINX[phone] ?? phone.toUpperCase(),
      );
      if (phones.length > 0) guessed.set(key, phones.join(' '));
    }
  }
  return keys.map((key) => (key === '' ? [] : (dictionary.get(key) ?? (guessed.has(key) ? [guessed.get(key)!] : []))));
}
