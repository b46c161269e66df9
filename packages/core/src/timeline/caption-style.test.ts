import { expect } from 'chai';
import { outputFormatFor } from '../domain/brief.js';
import { STYLE_CATALOGUE, STYLE_IDS } from '../styles/style-catalogue.js';
import { CAPTION_AVERAGE_CHARACTER_EM, captionLayoutFor, contrastRatio, relativeLuminance } from './caption-style.js';

describe('captionLayoutFor', () => {
  it('uses 6.5% of the shorter side for the font and fits as many characters as the safe width holds (at most 32)', () => {
    const vertical = captionLayoutFor(outputFormatFor('9:16'), STYLE_CATALOGUE.modern);
    expect(vertical.captionStyle.fontSizePx).to.equal(70);
    expect(vertical.maxCharsPerLine).to.equal(21);
    const landscape = captionLayoutFor(outputFormatFor('16:9'), STYLE_CATALOGUE.modern);
    expect(landscape.captionStyle.fontSizePx).to.equal(70);
    expect(landscape.maxCharsPerLine).to.equal(32);
  });

  it('shrinks the font when asked for longer lines, so a full line still fits the title-safe width', () => {
    const layout = captionLayoutFor(outputFormatFor('9:16'), STYLE_CATALOGUE.modern, 32);
    expect(layout.maxCharsPerLine).to.equal(32);
    expect(32 * CAPTION_AVERAGE_CHARACTER_EM * layout.captionStyle.fontSizePx).to.be.at.most(1080 * 0.8);
    expect(layout.captionStyle.fontSizePx).to.be.lessThan(70);
  });

  for (const id of STYLE_IDS) {
    it(`gives the ${id} style white-ish text on a dark outline (contrast ≥ 7:1) in its caption font`, () => {
      const { captionStyle } = captionLayoutFor(outputFormatFor('9:16'), STYLE_CATALOGUE[id]);
      expect(captionStyle.font).to.deep.equal(STYLE_CATALOGUE[id].captionFont);
      expect(relativeLuminance(captionStyle.textColor)).to.be.at.least(0.85);
      expect(contrastRatio(captionStyle.textColor, captionStyle.outlineColor)).to.be.at.least(7);
    });
  }
});

describe('contrastRatio', () => {
  it('is 21 for white on black and 1 for a colour on itself', () => {
    expect(contrastRatio('#ffffff', '#000000')).to.be.closeTo(21, 1e-9);
    expect(contrastRatio('#336699', '#336699')).to.equal(1);
  });

  it('rejects a colour it cannot read', () => {
    expect(() => relativeLuminance('white')).to.throw(/"white" is not a #rrggbb colour/);
  });
});
