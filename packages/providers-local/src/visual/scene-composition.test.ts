import { expect } from 'chai';
import { STYLE_CATALOGUE } from '@looply/core';
import { composeScene, PATTERN_FAMILIES, type SceneCompositionInput } from './scene-composition.js';

const base: SceneCompositionInput = {
  width: 1080,
  height: 1920,
  sceneIndex: 0,
  prompt: 'Rows of solar panels under a bright sun, slow push in',
  title: 'Solar power in 30 seconds',
  style: STYLE_CATALOGUE.modern,
};

describe('composeScene', () => {
  it('decides the same composition for the same input', () => {
    expect(composeScene(base)).to.deep.equal(composeScene({ ...base }));
  });

  it('never gives neighbouring scenes (nor scenes two apart) the same pattern family', () => {
    for (const title of ['Solar power', 'Les volcans', 'How bees talk']) {
      const patterns = Array.from(
        { length: 20 },
        (_, sceneIndex) => composeScene({ ...base, title, sceneIndex }).pattern,
      );
      for (let index = 1; index < patterns.length; index += 1) {
        expect(patterns[index], `${title} scene ${index}`).to.not.equal(patterns[index - 1]);
        if (index > 1) expect(patterns[index], `${title} scene ${index}`).to.not.equal(patterns[index - 2]);
      }
      expect(new Set(patterns).size).to.equal(PATTERN_FAMILIES.length);
    }
  });

  it('moves the focus with the prompt', () => {
    const first = composeScene(base);
    const second = composeScene({ ...base, prompt: 'A city skyline at dusk' });
    expect([first.focusX, first.focusY]).to.not.deep.equal([second.focusX, second.focusY]);
  });

  it('keeps the focus above the caption zone and the horizon inside the frame', () => {
    for (const [width, height] of [
      [1080, 1920],
      [1920, 1080],
      [1080, 1080],
    ]) {
      for (let sceneIndex = 0; sceneIndex < 30; sceneIndex += 1) {
        const composition = composeScene({
          ...base,
          width,
          height,
          sceneIndex,
          prompt: `scene ${sceneIndex} of a forest`,
        });
        expect(composition.focusY).to.be.below(composition.captionTop);
        expect(composition.horizonY)
          .to.be.above(height * 0.5)
          .and.below(composition.captionTop);
        expect(composition.captionTop).to.equal(Math.round(height * 0.65));
        expect(composition.safeX).to.equal(Math.round(width * 0.1));
      }
    }
  });

  it('upper-cases headings for bold styles and title-cases them for editorial ones', () => {
    expect(composeScene(base).heading).to.equal('SOLAR PANELS');
    expect(composeScene({ ...base, style: STYLE_CATALOGUE.documentary }).heading).to.equal('Solar Panels');
  });

  it('treats the minimal palette as light and the others as dark', () => {
    for (const style of Object.values(STYLE_CATALOGUE)) {
      expect(composeScene({ ...base, style }).colours.light, style.id).to.equal(style.id === 'minimal');
    }
  });
});
