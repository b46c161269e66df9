import { STYLE_CATALOGUE, type StyleFont } from '@looply/core';

/** Every distinct font (family and weight) the style catalogue uses for titles and captions. */
export function catalogueFonts(): StyleFont[] {
  const fonts = new Map<string, StyleFont>();
  for (const style of Object.values(STYLE_CATALOGUE)) {
    for (const font of [style.titleFont, style.captionFont]) fonts.set(`${font.family}:${font.weight}`, font);
  }
  return [...fonts.values()];
}
