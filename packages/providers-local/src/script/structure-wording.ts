import type { ScriptLanguage } from './script-language.js';

const NUMBER_WORDS: Record<ScriptLanguage, string[]> = {
  en: ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'],
  fr: ['un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit'],
};

/** "Number five:" — a numbered point's opener, the number spelled as the voice should say it. */
export function numberedOpener(language: ScriptLanguage, number: number): string {
  const word = NUMBER_WORDS[language][number - 1] ?? String(number);
  return language === 'fr' ? `Numéro ${word} :` : `Number ${word}:`;
}

/** A hook that promises a numbered list: a ranking for a countdown ("the top five …"), else "five things". */
export function listHooks(language: ScriptLanguage, count: number, countdown: boolean): string[] {
  const word = NUMBER_WORDS[language][count - 1] ?? String(count);
  if (language === 'fr') {
    return countdown
      ? [`Voici le top ${word} à connaître sur ce sujet : {topic}.`, `Le top ${word} du jour : {topic}.`]
      : [`Voici ${word} choses à savoir sur ce sujet : {topic}.`, `En ${word} points : {topic}.`];
  }
  return countdown
    ? [`Here are the top ${word} things to know about {topic}.`, `The top ${word}: {topic}.`]
    : [`Here are ${word} things to know about {topic}.`, `{Topic}, in ${word} points.`];
}
