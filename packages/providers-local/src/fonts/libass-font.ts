import type { StyleFont } from '@looply/core';
import { readOpenTypeFont } from './open-type-font.js';
import { resolveFontFile } from './resolve-font-file.js';

/** How an ASS subtitle style must name a font so libass picks exactly this file. */
export interface LibassFont {
  /** The `Fontname` of the ASS style: the file's legacy family (name ID 1), e.g. `Montserrat ExtraBold`. */
  family: string;
  /** The `Bold` flag of the ASS style (`-1` when true, `0` otherwise). */
  bold: boolean;
  /** The TTF itself, for a fonts folder or an attachment. */
  file: string;
}

const cache = new Map<string, LibassFont>();

/**
 * libass matches `Fontname` against the legacy family name (name ID 1), not the typographic
 * family: the 800 weight of Montserrat is the family "Montserrat ExtraBold", and asking for
 * "Montserrat" would fall back to a system font. Read from the file, never guessed.
 */
export function libassFontFor(font: StyleFont): LibassFont {
  const key = `${font.family}:${font.weight}`;
  let result = cache.get(key);
  if (!result) {
    const file = resolveFontFile(font);
    const info = readOpenTypeFont(file);
    result = { family: info.familyName, bold: info.bold, file };
    cache.set(key, result);
  }
  return result;
}

/** The family name libass sees for this font, e.g. `Montserrat ExtraBold` for Montserrat 800. */
export function fontFamilyNameForLibass(font: StyleFont): string {
  return libassFontFor(font).family;
}
