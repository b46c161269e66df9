import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parseOpenTypeFont, readOpenTypeFont } from './open-type-font.js';
import { catalogueFonts } from './catalogue-fonts.js';
import { resolveFontFile } from './resolve-font-file.js';

const FRENCH_LETTERS = 'àâæçéèêëîïôœùûüÿÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ«»’€';

describe('readOpenTypeFont', () => {
  it('reads the legacy family, typographic family and weight of Montserrat ExtraBold', () => {
    const info = readOpenTypeFont(resolveFontFile({ family: 'Montserrat', weight: 800 }));
    expect(info.familyName).to.equal('Montserrat ExtraBold');
    expect(info.typographicFamilyName).to.equal('Montserrat');
    expect(info.subfamilyName).to.equal('Regular');
    expect(info.postScriptName).to.equal('Montserrat-ExtraBold');
    expect(info.weightClass).to.equal(800);
    expect(info.bold).to.equal(false);
  });

  it('reports the bold style bit of a font whose bold face belongs to the main family', () => {
    const info = readOpenTypeFont(resolveFontFile({ family: 'Fredoka', weight: 700 }));
    expect(info.familyName).to.equal('Fredoka');
    expect(info.subfamilyName).to.equal('Bold');
    expect(info.bold).to.equal(true);
    expect(info.weightClass).to.equal(700);
  });

  it('finds a glyph for every French letter in every catalogue font, and none for CJK', () => {
    for (const font of catalogueFonts()) {
      const info = readOpenTypeFont(resolveFontFile(font));
      const missing = [...FRENCH_LETTERS].filter((letter) => !info.hasGlyph(letter.codePointAt(0) ?? 0));
      expect(missing, `${font.family} ${font.weight}`).to.deep.equal([]);
      expect(info.hasGlyph('中'.codePointAt(0) ?? 0), `${font.family} ${font.weight}`).to.equal(false);
    }
  });

  it('rejects bytes that are not a font, saying so', () => {
    expect(() => parseOpenTypeFont(Buffer.from('<html>not a font</html>'))).to.throw(
      /not a single-face TrueType\/OpenType file/,
    );
  });

  it('rejects a truncated font file', () => {
    const data = readFileSync(resolveFontFile({ family: 'Inter', weight: 700 }));
    expect(() => parseOpenTypeFont(data.subarray(0, 4_000))).to.throw(/extends past the end of the file/);
  });
});
