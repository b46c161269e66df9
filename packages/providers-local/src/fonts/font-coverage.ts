import type { StyleFont } from '@looply/core';
import { readOpenTypeFont, type OpenTypeFontInfo } from './open-type-font.js';
import { resolveFontFile } from './resolve-font-file.js';

const fonts = new Map<string, OpenTypeFontInfo>();

/**
 * The distinct characters of `text` the font has no glyph for (whitespace and controls ignored).
 * Renderers fall back to another font for them, so a non-empty answer is worth a warning.
 */
export function missingCharacters(font: StyleFont, text: string): string[] {
  const key = `${font.family}:${font.weight}`;
  let info = fonts.get(key);
  if (!info) {
    info = readOpenTypeFont(resolveFontFile(font));
    fonts.set(key, info);
  }
  const missing = new Set<string>();
  for (const character of text) {
    if (/[\s\p{Cc}\p{Cf}]/u.test(character)) continue;
    if (!info.hasGlyph(character.codePointAt(0) ?? 0)) missing.add(character);
  }
  return [...missing];
}
