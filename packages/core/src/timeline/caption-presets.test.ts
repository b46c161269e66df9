import { expect } from 'chai';
import { briefSchema, outputFormatFor } from '../domain/brief.js';
import { LooplyError } from '../errors/looply-error.js';
import { parseWith } from '../errors/validation.js';
import { STYLE_CATALOGUE, STYLE_IDS } from '../styles/style-catalogue.js';
import { CAPTION_PRESET_IDS, CAPTION_PRESETS, HIGHLIGHT_BOX_COLOR, HIGHLIGHT_TEXT_COLOR } from './caption-presets.js';
import { captionLayoutFor, contrastRatio } from './caption-style.js';

/** Luma (0–255) as an H.264 encoder computes it: what the pixel check of `looply check` sees. */
function luma(hex: string): number {
  const [red, green, blue] = [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
}

describe('caption presets', () => {
  for (const id of STYLE_IDS) {
    it(`keeps the ${id} style's highlighted word readable as caption text and measurably different from the other words`, () => {
      const { captionStyle } = captionLayoutFor(outputFormatFor('9:16'), STYLE_CATALOGUE[id], undefined, {
        preset: 'spotlight',
      });
      // Lighter than 70% of the way from the outline to the text, like every caption pixel the check marks…
      const outline = luma(captionStyle.outlineColor);
      expect(luma(HIGHLIGHT_TEXT_COLOR)).to.be.at.least(outline + 0.7 * (luma(captionStyle.textColor) - outline) - 1);
      // …but at least 35 levels darker than the text, so the highlight move is visible in gray.
      expect(luma(captionStyle.textColor) - luma(HIGHLIGHT_TEXT_COLOR)).to.be.at.least(35);
      // The box behind the word is dark enough to edge it like an outline, and the word reads on it.
      expect(luma(HIGHLIGHT_BOX_COLOR)).to.be.at.most(outline + 0.3 * (255 - outline));
      expect(contrastRatio(HIGHLIGHT_TEXT_COLOR, HIGHLIGHT_BOX_COLOR)).to.be.at.least(4.5);
    });
  }

  it('gives each preset its own look: size, outline, box, highlight and position', () => {
    const output = outputFormatFor('9:16');
    const looks = CAPTION_PRESET_IDS.map(
      (preset) => captionLayoutFor(output, STYLE_CATALOGUE.modern, undefined, { preset }).captionStyle,
    );
    expect(new Set(looks.map((style) => JSON.stringify(style))).size).to.equal(CAPTION_PRESET_IDS.length);
    const byId = Object.fromEntries(CAPTION_PRESET_IDS.map((id, index) => [id, looks[index]]));
    expect(byId.classic.highlight).to.equal(undefined);
    expect(byId.pop.highlight).to.deep.equal({ mode: 'color', textColor: HIGHLIGHT_TEXT_COLOR });
    expect(byId.spotlight.highlight).to.deep.equal({
      mode: 'box',
      textColor: HIGHLIGHT_TEXT_COLOR,
      boxColor: HIGHLIGHT_BOX_COLOR,
    });
    expect(byId.spotlight.verticalPosition).to.equal(0.5);
    expect(byId.boxed.box).to.deep.equal({ color: byId.boxed.outlineColor, opacity: CAPTION_PRESETS.boxed.boxOpacity });
    expect(byId.bold.fontSizePx).to.be.greaterThan(byId.classic.fontSizePx);
  });

  it('lets the brief move the captions and change or drop the highlight', () => {
    const output = outputFormatFor('16:9');
    const top = captionLayoutFor(output, STYLE_CATALOGUE.modern, undefined, {
      preset: 'pop',
      position: 'top',
      highlight: 'none',
    }).captionStyle;
    expect(top.verticalPosition).to.be.below(0.3);
    expect(top.highlight).to.equal(undefined);
    expect(
      captionLayoutFor(output, STYLE_CATALOGUE.modern, undefined, { preset: 'classic', highlight: 'box' }).captionStyle
        .highlight?.mode,
    ).to.equal('box');
  });

  it('keeps every line inside the title-safe width at the preset size (the bold preset shrinks for long lines)', () => {
    for (const preset of CAPTION_PRESET_IDS) {
      const layout = captionLayoutFor(outputFormatFor('9:16'), STYLE_CATALOGUE.modern, 32, { preset });
      expect(32 * 0.58 * layout.captionStyle.fontSizePx, preset).to.be.at.most(1080 * 0.8);
    }
  });
});

describe('brief: caption, transition and music choices', () => {
  it('accepts a caption preset with overrides, a transition and generated music by mood or auto', () => {
    const brief = briefSchema.parse({
      topic: 'x',
      captions: { preset: 'boxed', position: 'center', highlight: 'box' },
      transition: 'zoom',
      music: { mood: 'auto' },
    });
    expect(brief.captions).to.deep.equal({ preset: 'boxed', position: 'center', highlight: 'box' });
    expect(brief.transition).to.equal('zoom');
    expect(brief.music).to.deep.equal({ mood: 'auto', volume: 0.2 });
  });

  it('rejects unknown presets, positions, transitions and moods, and music with both a track and a mood', () => {
    expect(() => parseWith(briefSchema, { topic: 'x', captions: { preset: 'comic' } }, 'brief')).to.throw(
      LooplyError,
      /captions\.preset/,
    );
    expect(() => parseWith(briefSchema, { topic: 'x', captions: { position: 'left' } }, 'brief')).to.throw(
      LooplyError,
      /captions\.position/,
    );
    expect(() => parseWith(briefSchema, { topic: 'x', transition: 'wipe' }, 'brief')).to.throw(
      LooplyError,
      /transition/,
    );
    expect(() => parseWith(briefSchema, { topic: 'x', music: { mood: 'sad' } }, 'brief')).to.throw(
      LooplyError,
      /music\.mood/,
    );
    expect(() => parseWith(briefSchema, { topic: 'x', music: { mood: 'calm', source: 'a.mp3' } }, 'brief')).to.throw(
      LooplyError,
      /either source .* or mood/,
    );
    expect(() => parseWith(briefSchema, { topic: 'x', music: {} }, 'brief')).to.throw(
      LooplyError,
      /either source .* or mood/,
    );
  });
});
