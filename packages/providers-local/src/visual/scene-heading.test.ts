import { expect } from 'chai';
import { formatHeading, sceneHeading } from './scene-heading.js';

describe('sceneHeading', () => {
  it('takes the subject of the first clause, past "a field of" and before the verb', () => {
    expect(
      sceneHeading('A field of solar panels glinting under a bright sun, slow dolly in, golden hour', 'Title'),
    ).to.equal('solar panels');
  });

  it('drops camera words and articles', () => {
    expect(sceneHeading('Aerial view of a modern city skyline at dusk', 'Title')).to.equal('modern city skyline');
    expect(sceneHeading('Cinematic shot of the ocean', 'Title')).to.equal('ocean');
  });

  it('skips phrases that only say how something is shown', () => {
    expect(sceneHeading('a bold visual metaphor for solar power, emerging dramatically into view', 'Title')).to.equal(
      'solar power',
    );
    expect(sceneHeading('a hopeful closing image of the water cycle, a person looking out', 'Title')).to.equal(
      'water cycle',
    );
  });

  it('keeps a meaningful head phrase before "of"', () => {
    expect(sceneHeading('the early beginnings of solar power, curious inventors sketching', 'Title')).to.equal(
      'early beginnings',
    );
    expect(sceneHeading('a detailed close-up of the inner workings of a heat pump', 'Title')).to.equal(
      'inner workings',
    );
  });

  it('keeps at most three words, the last ones', () => {
    expect(sceneHeading('Huge bright red industrial solar farm at noon', 'Title')).to.equal('industrial solar farm');
  });

  it('works on French prompts', () => {
    expect(sceneHeading('Des panneaux solaires sous un ciel bleu', 'Titre')).to.equal('panneaux solaires');
  });

  it('falls back to the title when the prompt names nothing', () => {
    expect(sceneHeading('the, a, slow push in', 'Solar power')).to.equal('Solar power');
  });
});

describe('formatHeading', () => {
  it('upper-cases with the language rules, or title-cases without touching acronyms', () => {
    expect(formatHeading('énergie solaire', 'upper', 'fr')).to.equal('ÉNERGIE SOLAIRE');
    expect(formatHeading('inner workings of NASA', 'title')).to.equal('Inner Workings Of NASA');
  });
});
