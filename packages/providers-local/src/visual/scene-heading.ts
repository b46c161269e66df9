// Dropped wherever they appear: articles, quantities, camera and quality words.
const FILLERS = new Set([
  'a',
  'an',
  'the',
  'some',
  'several',
  'many',
  'few',
  'two',
  'three',
  'its',
  'their',
  'his',
  'her',
  'our',
  'your',
  'this',
  'these',
  'those',
  'very',
  'detailed',
  'realistic',
  'cinematic',
  'epic',
  'close',
  'closeup',
  'close-up',
  'up',
  'extreme',
  'wide',
  'aerial',
  'macro',
  'slow',
  'overhead',
  'static',
  'angle',
  'medium',
  'low',
  'high',
  '4k',
  '8k',
  'hd',
  'push',
  'pull',
  'dolly',
  'pan',
  'tilt',
  'zoom',
  'tracking',
  'orbit',
  'crane',
  'handheld',
  'establishing',
  'des',
  'les',
  'le',
  'la',
  'un',
  'une',
  'du',
  'l',
  'd',
  'plan',
  'gros',
  'large',
  'aérienne',
]);

// A phrase made only of these says how something is shown, not what: look further.
const GENERIC = new Set([
  'metaphor',
  'visual',
  'hero',
  'shot',
  'scene',
  'scenes',
  'image',
  'images',
  'view',
  'footage',
  'photo',
  'video',
  'camera',
  'vision',
  'moment',
  'concept',
  'idea',
  'symbol',
  'representation',
  'collage-like',
  'bold',
  'striking',
  'hopeful',
  'calm',
  'final',
  'iconic',
  'optimistic',
  'beautiful',
  'stunning',
  'gorgeous',
  'bright',
  'soft',
  'dramatic',
  'vibrant',
  'field',
  'row',
  'rows',
  'cup',
  'group',
  'series',
  'set',
  'pile',
  'kind',
  'type',
  'diverse',
  'historical',
  'tense',
  'clear',
  'vue',
  'scène',
]);

// Words that end a phrase: prepositions, conjunctions, relative pronouns, verbs of being.
const PHRASE_ENDS = new Set([
  'of',
  'in',
  'on',
  'at',
  'to',
  'from',
  'by',
  'for',
  'with',
  'without',
  'over',
  'under',
  'through',
  'across',
  'into',
  'onto',
  'near',
  'behind',
  'beside',
  'between',
  'above',
  'below',
  'beneath',
  'around',
  'against',
  'along',
  'during',
  'while',
  'as',
  'and',
  'or',
  'about',
  'is',
  'are',
  'was',
  'were',
  'be',
  'being',
  'that',
  'which',
  'who',
  'whose',
  'where',
  'when',
  'then',
  'it',
  'they',
  'de',
  'sous',
  'sur',
  'dans',
  'avec',
  'et',
  'en',
  'au',
  'aux',
  'pour',
  'par',
  'entre',
  'vers',
  'qui',
  'est',
  'sont',
]);

// Nouns ending in -ing, which would otherwise read as a verb ending the phrase.
const ING_NOUNS = new Set([
  'building',
  'buildings',
  'ceiling',
  'clothing',
  'painting',
  'wedding',
  'morning',
  'evening',
  'king',
  'ring',
  'spring',
  'string',
  'wing',
  'thing',
  'swing',
  'lightning',
  'housing',
  'farming',
  'recycling',
  'engineering',
  'computing',
  'parking',
  'beginning',
]);

const MAXIMUM_WORDS = 3;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * A short heading naming the scene's subject, taken from the visual prompt's first clause:
 * the first phrase (words between prepositions and verbs) that names something rather than a
 * way of showing it, without articles and camera words (else `fallback`), at most its last three words (English
 * noun phrases end with their head noun). "A field of solar panels glinting under the sun" →
 * "solar panels"; "a bold visual metaphor for solar power" → "solar power".
 */
export function sceneHeading(prompt: string, fallback: string): string {
  const clause = prompt.split(/[,.;:!?()\n]|\s[-–—]\s/u).find((part) => part.trim().length > 0) ?? '';
  const words = clause.match(WORD) ?? [];
  const phrases: string[][] = [[]];
  for (const word of words) {
    const lower = word.toLowerCase();
    const current = phrases[phrases.length - 1];
    // "-ing" words are verbs unless listed; "-ed" words are adjectives before a noun, verbs after one.
    const isVerb =
      (/ing$/.test(lower) && lower.length > 4 && !ING_NOUNS.has(lower)) ||
      (/[^e]ed$/.test(lower) && lower.length > 4 && current.length > 0);
    if (PHRASE_ENDS.has(lower) || isVerb) phrases.push([]);
    else if (!FILLERS.has(lower)) current.push(word);
  }
  const named = phrases.find((phrase) => phrase.some((word) => !GENERIC.has(word.toLowerCase())));
  if (named) return named.slice(-MAXIMUM_WORDS).join(' ');
  const anyPhrase = phrases.find((phrase) => phrase.length > 0);
  if (anyPhrase) return anyPhrase.slice(-MAXIMUM_WORDS).join(' ');
  return fallback.trim() || words.slice(0, 2).join(' ');
}

/** Upper case, or title case that leaves words already containing capitals alone. */
export function formatHeading(heading: string, casing: 'upper' | 'title', locale?: string): string {
  if (casing === 'upper') return heading.toLocaleUpperCase(locale);
  return heading
    .split(' ')
    .map((word) =>
      word === word.toLocaleLowerCase(locale) ? word.charAt(0).toLocaleUpperCase(locale) + word.slice(1) : word,
    )
    .join(' ');
}
