import { GlobalFonts } from '@napi-rs/canvas';
import type { StyleFont } from '@looply/core';
import { catalogueFonts } from './catalogue-fonts.js';
import { resolveFontFile } from './resolve-font-file.js';

const registered = new Set<string>();

/**
 * The family name to use in a canvas `font` string for this font. Each family and weight is
 * registered under its own alias, so skia never substitutes another weight or a system font.
 */
export function canvasFontFamily(font: StyleFont): string {
  return `Looply ${font.family} ${font.weight}`;
}

/** Registers the fonts (default: every catalogue font) with `@napi-rs/canvas`, once per process. */
export function registerCanvasFonts(fonts: readonly StyleFont[] = catalogueFonts()): void {
  for (const font of fonts) {
    const alias = canvasFontFamily(font);
    if (registered.has(alias)) continue;
    const file = resolveFontFile(font);
    if (GlobalFonts.registerFromPath(file, alias) === null) {
      throw new Error(`@napi-rs/canvas could not register the font file ${file} as "${alias}".`);
    }
    registered.add(alias);
  }
}
