/** Letters every Latin-script caption may use: the basic alphabet and digits. */
const BASIC_LATIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Accented letters of common Latin-script languages (from the CLDR main exemplar sets), lower
 * case; their capitals are added. A caption font must draw all of them for the language.
 */
const LETTERS_BY_LANGUAGE: Record<string, string> = {
  en: '',
  fr: 'àâæçéèêëîïôœùûüÿ',
  es: 'áéíñóúü',
  de: 'äöüß',
  it: 'àèéìíîòóùú',
  pt: 'áâãàçéêíóôõú',
  nl: 'áéíóúäëïöü',
  ca: 'àçéèíïóòúü',
  ro: 'ăâîșț',
  pl: 'ąćęłńóśźż',
  cs: 'áčďéěíňóřšťúůýž',
  sk: 'áäčďéíĺľňóôŕšťúýž',
  sv: 'åäö',
  da: 'æøå',
  nb: 'æøå',
  no: 'æøå',
  fi: 'äö',
  tr: 'çğıİöşü',
  hu: 'áéíóöőúüű',
  hr: 'čćđšž',
};

export interface LanguageLetters {
  /** The letters to check, basic Latin included. */
  letters: string;
  /** False when the language is not in the table: only the basic alphabet is included. */
  known: boolean;
}

/** The letters a caption font needs for a BCP-47 language (`fr`, `fr-CA`, `pt-BR`…). */
export function languageLetters(language: string): LanguageLetters {
  const primary = language.toLowerCase().split('-')[0];
  const accented = LETTERS_BY_LANGUAGE[primary];
  if (accented === undefined) return { letters: BASIC_LATIN, known: false };
  const capitals = [...accented]
    .map((letter) => (letter === 'ß' || letter === 'ı' ? '' : letter.toUpperCase()))
    .join('');
  return { letters: `${BASIC_LATIN}${accented}${capitals}`, known: true };
}
