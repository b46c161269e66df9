import type { ScriptLanguage } from './script-language.js';
import { countWords } from './word-count.js';

/** Trims, collapses whitespace, drops wrapping quotes and trailing sentence punctuation: `"Solar power!"` → `Solar power`. */
export function cleanTopic(raw: string): string {
  let topic = raw.replace(/\s+/g, ' ').trim();
  topic = topic.replace(/^["'«“‘\s]+/u, '').replace(/["'»”’\s.!?;:,…]+$/u, '');
  return topic.length > 0 ? topic : raw.trim();
}

/** Upper-cases the first letter when the first word is all lower case (keeps `iPhone`, `eBay`, `NASA`). */
export function capitalise(text: string): string {
  const firstWord = text.split(' ')[0] ?? '';
  if (firstWord !== firstWord.toLowerCase()) return text;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Capitalised only because they opened the brief's topic ("How black holes form"): lower-cased mid-sentence.
const LEADING_FUNCTION_WORDS = new Set([
  'a',
  'an',
  'the',
  'how',
  'why',
  'what',
  'when',
  'where',
  'who',
  'which',
  'is',
  'are',
  'do',
  'does',
  'can',
  'our',
  'your',
  'my',
  'their',
  'its',
  'this',
  'these',
  'those',
  'some',
  'all',
  'every',
  'le',
  'la',
  'les',
  'l',
  'un',
  'une',
  'des',
  'du',
  'comment',
  'pourquoi',
  'quand',
  'qui',
  'que',
  'quoi',
  'quel',
  'quelle',
  'quels',
  'quelles',
  'ce',
  'ces',
  'cet',
  'cette',
  'mon',
  'ma',
  'mes',
  'notre',
  'nos',
  'votre',
  'vos',
  'leur',
  'leurs',
]);

/** The topic as it reads inside a sentence: a leading "How" or "Les" becomes "how", "les"; names keep their capital. */
export function topicInSentence(topic: string): string {
  const firstWord = topic.split(' ')[0] ?? '';
  const bare = firstWord.replace(/['’].*$/u, '');
  const capitalisedOnly =
    bare.length > 0 &&
    bare === bare.charAt(0).toUpperCase() + bare.slice(1).toLowerCase() &&
    bare !== bare.toLowerCase();
  if (!capitalisedOnly || !LEADING_FUNCTION_WORDS.has(bare.toLowerCase())) return topic;
  return topic.charAt(0).toLowerCase() + topic.slice(1);
}

// Words a shortened topic must not end on, or it reads as cut mid-phrase.
const DANGLING_WORDS: Record<ScriptLanguage, Set<string>> = {
  en: new Set([
    'a',
    'an',
    'the',
    'of',
    'and',
    'or',
    'to',
    'in',
    'for',
    'with',
    'on',
    'at',
    'by',
    'from',
    'about',
    'as',
    'into',
    'how',
    'why',
    'what',
    'its',
    'their',
    'our',
    'your',
    'my',
    'is',
    'are',
  ]),
  fr: new Set([
    'le',
    'la',
    'les',
    'l',
    'un',
    'une',
    'des',
    'de',
    'du',
    'd',
    'et',
    'ou',
    'à',
    'au',
    'aux',
    'en',
    'pour',
    'avec',
    'sur',
    'par',
    'dans',
    'comment',
    'pourquoi',
    'son',
    'sa',
    'ses',
    'leur',
    'leurs',
    'notre',
    'nos',
    'votre',
    'vos',
    'est',
    'sont',
    'qui',
    'que',
  ]),
};

/**
 * A topic short enough to say within a short narration: the first clause when it fits, else
 * the first `maxWords` words without a dangling article or preposition at the end.
 */
export function shortenTopic(topic: string, maxWords: number, language: ScriptLanguage): string {
  if (countWords(topic) <= maxWords) return topic;
  const clause = topic.split(/\s*[,;:(–—]\s*|\s+-\s+/u)[0].trim();
  if (clause.length > 0 && countWords(clause) <= maxWords) return clause;
  const words = topic.split(' ').slice(0, Math.max(1, maxWords));
  while (words.length > 1) {
    const last = words[words.length - 1]
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+$/u, '')
      .replace(/^.*['’]/u, '');
    if (!DANGLING_WORDS[language].has(last) && last.length > 0) break;
    words.pop();
  }
  return words.join(' ').replace(/[\s,;:.\-–—]+$/u, '');
}

/** The video title: the topic, capitalised, at most 200 characters (cut at a word boundary). */
export function titleFromTopic(topic: string): string {
  const title = capitalise(topic);
  if (title.length <= 200) return title;
  const cut = title.slice(0, 199);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > 100 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
