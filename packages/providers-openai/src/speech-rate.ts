/** How fast narration is spoken, in words per second, or characters for scripts written without spaces. */
export interface SpeechRate {
  unit: 'words' | 'characters';
  perSecond: number;
}

/** Typical narration pace (≈150 words a minute in English); languages with longer words are slower. */
const WORD_RATES: Record<string, number> = {
  en: 2.5,
  fr: 2.5,
  es: 2.6,
  it: 2.5,
  pt: 2.5,
  ca: 2.5,
  ro: 2.4,
  de: 2.2,
  nl: 2.3,
  sv: 2.3,
  da: 2.3,
  no: 2.3,
  nb: 2.3,
  is: 2.1,
  pl: 2.1,
  cs: 2.1,
  sk: 2.1,
  ru: 2.1,
  uk: 2.1,
  tr: 2.1,
  hu: 2.0,
  fi: 1.9,
  el: 2.3,
  ar: 2.1,
  he: 2.2,
  hi: 2.4,
  id: 2.3,
  ms: 2.3,
  vi: 2.8,
  ko: 2.0,
};

/** Scripts without spaces between words are measured in characters. */
const CHARACTER_RATES: Record<string, number> = { ja: 7, zh: 4.5, th: 6, lo: 6, my: 5, km: 5 };

const DEFAULT_WORD_RATE = 2.4;

export function speechRateFor(language: string): SpeechRate {
  const primary = language.split('-')[0].toLowerCase();
  if (CHARACTER_RATES[primary] !== undefined) return { unit: 'characters', perSecond: CHARACTER_RATES[primary] };
  return { unit: 'words', perSecond: WORD_RATES[primary] ?? DEFAULT_WORD_RATE };
}

/** Length of a narration in the language's unit: words, or letters/digits for scripts without spaces. */
export function narrationLength(text: string, rate: SpeechRate): number {
  if (rate.unit === 'characters') return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export interface NarrationTarget {
  unit: SpeechRate['unit'];
  target: number;
  minimum: number;
  maximum: number;
}

/** Accepted deviation from the target length before a repair round is asked for. */
export const LENGTH_TOLERANCE = 0.35;

/** `wordFactor`: a template's pacing (more words for brisk, fewer for relaxed). */
export function narrationTarget(durationSec: number, language: string, wordFactor = 1): NarrationTarget {
  const rate = speechRateFor(language);
  const target = Math.round(durationSec * rate.perSecond * wordFactor);
  return {
    unit: rate.unit,
    target,
    minimum: Math.max(1, Math.floor(target * (1 - LENGTH_TOLERANCE))),
    maximum: Math.ceil(target * (1 + LENGTH_TOLERANCE)),
  };
}

/** About one scene every five seconds: enough cuts to keep a short video moving. */
export function suggestedSceneCount(durationSec: number): { suggested: number; minimum: number; maximum: number } {
  const suggested = Math.min(60, Math.max(1, Math.round(durationSec / 5)));
  return { suggested, minimum: Math.max(1, suggested - 1), maximum: Math.min(60, suggested + 2) };
}
