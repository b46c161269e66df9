import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { expect } from 'chai';
import { STYLE_CATALOGUE } from '@looply/core';
import { catalogueFonts } from './catalogue-fonts.js';
import { fontModuleSpecifier, resolveFontFile } from './resolve-font-file.js';

describe('resolveFontFile', () => {
  it('resolves every title and caption font of the style catalogue to an existing absolute TTF', () => {
    for (const style of Object.values(STYLE_CATALOGUE)) {
      for (const font of [style.titleFont, style.captionFont]) {
        const file = resolveFontFile(font);
        expect(isAbsolute(file), file).to.equal(true);
        expect(file).to.match(/\.ttf$/);
        expect(existsSync(file), `${style.id}: ${file}`).to.equal(true);
        expect(statSync(file).size, file).to.be.greaterThan(10_000);
      }
    }
  });

  it('lists each distinct catalogue font once', () => {
    const keys = catalogueFonts().map((font) => `${font.family}:${font.weight}`);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(keys).to.include.members([
      'Montserrat:800',
      'Playfair Display:700',
      'Inter:800',
      'Inter:700',
      'Fredoka:700',
      'Merriweather:700',
      'Righteous:400',
    ]);
  });

  it('maps a multi-word family and a weight to the @expo-google-fonts file layout', () => {
    expect(fontModuleSpecifier({ family: 'Playfair Display', weight: 700 })).to.equal(
      '@expo-google-fonts/playfair-display/700Bold/PlayfairDisplay_700Bold.ttf',
    );
  });

  it('names the family, the weight and the package when a weight is not shipped', () => {
    expect(() => resolveFontFile({ family: 'Righteous', weight: 900 })).to.throw(
      /"Righteous" weight 900 is not installed.*@expo-google-fonts\/righteous/,
    );
  });

  it('names the family when its package is not installed', () => {
    expect(() => resolveFontFile({ family: 'Comic Neue', weight: 400 })).to.throw(
      /"Comic Neue".*@expo-google-fonts\/comic-neue/,
    );
  });
});
