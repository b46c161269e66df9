import { createRequire } from 'node:module';
import type { StyleFont } from '@looply/core';

const require = createRequire(import.meta.url);

/** Google Fonts weight names as `@expo-google-fonts/*` spells them in folder and file names. */
const WEIGHT_NAMES: Record<number, string> = {
  100: 'Thin',
  200: 'ExtraLight',
  300: 'Light',
  400: 'Regular',
  500: 'Medium',
  600: 'SemiBold',
  700: 'Bold',
  800: 'ExtraBold',
  900: 'Black',
};

/** `Playfair Display` 700 → `@expo-google-fonts/playfair-display/700Bold/PlayfairDisplay_700Bold.ttf`. */
export function fontModuleSpecifier(font: StyleFont): string {
  const weightName = WEIGHT_NAMES[font.weight];
  if (!weightName)
    throw new Error(
      `Font weight ${font.weight} of "${font.family}" is not one of ${Object.keys(WEIGHT_NAMES).join(', ')}.`,
    );
  const words = font.family.trim().split(/\s+/);
  const packageName = `@expo-google-fonts/${words.map((word) => word.toLowerCase()).join('-')}`;
  const fileStem = `${words.join('')}_${font.weight}${weightName}`;
  return `${packageName}/${font.weight}${weightName}/${fileStem}.ttf`;
}

const resolved = new Map<string, string>();

/**
 * Absolute path of the TTF of one family and weight, resolved through the installed
 * `@expo-google-fonts/<family>` package (a dependency of this package).
 */
export function resolveFontFile(font: StyleFont): string {
  const specifier = fontModuleSpecifier(font);
  let path = resolved.get(specifier);
  if (path) return path;
  try {
    path = require.resolve(specifier);
  } catch (error) {
    const packageName = specifier.split('/').slice(0, 2).join('/');
    throw new Error(
      `Font "${font.family}" weight ${font.weight} is not installed: cannot resolve ${specifier}. ` +
        `Add ${packageName} to @looply/providers-local, or pick a weight that package ships.`,
      { cause: error },
    );
  }
  resolved.set(specifier, path);
  return path;
}
