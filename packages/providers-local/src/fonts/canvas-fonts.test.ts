import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { expect } from 'chai';
import { catalogueFonts } from './catalogue-fonts.js';
import { canvasFontFamily, registerCanvasFonts } from './canvas-fonts.js';

function inkOf(text: string, font: string): { width: number; pixels: Uint8ClampedArray } {
  const canvas = createCanvas(200, 200);
  const context = canvas.getContext('2d');
  context.font = font;
  context.fillStyle = '#000';
  context.fillText(text, 50, 150);
  return { width: context.measureText(text).width, pixels: canvas.getContext('2d').getImageData(0, 0, 200, 200).data };
}

describe('registerCanvasFonts', () => {
  before(() => registerCanvasFonts());

  it('registers every catalogue font under its own alias, and is safe to call twice', () => {
    registerCanvasFonts();
    for (const font of catalogueFonts())
      expect(GlobalFonts.has(canvasFontFamily(font)), canvasFontFamily(font)).to.equal(true);
    const aliases = GlobalFonts.families.map((entry) => entry.family).filter((family) => family.startsWith('Looply '));
    expect(aliases.length).to.equal(new Set(aliases).size);
  });

  it('draws French accents with the registered font (no tofu)', () => {
    for (const font of catalogueFonts()) {
      const css = `100px "${canvasFontFamily(font)}"`;
      const plain = inkOf('e', css);
      const accented = inkOf('é', css);
      expect(accented.width, `${font.family} ${font.weight}`).to.be.greaterThan(0);
      // An accented letter shares its base letter's advance; a missing-glyph box would not.
      expect(accented.width, `${font.family} ${font.weight}`).to.be.closeTo(plain.width, 0.5);
      const differing = accented.pixels.filter((value, index) => value !== plain.pixels[index]).length;
      expect(differing, `${font.family} ${font.weight}: the accent adds ink`).to.be.greaterThan(50);
    }
  });

  it('measures different widths for different families, so the aliases are not all one fallback font', () => {
    const widths = catalogueFonts().map((font) =>
      inkOf('Été à Noël', `80px "${canvasFontFamily(font)}"`).width.toFixed(1),
    );
    expect(new Set(widths).size).to.be.greaterThan(4);
  });
});
