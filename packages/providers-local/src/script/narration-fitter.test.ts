import { expect } from 'chai';
import { fitNarration, type NarrationComponent } from './narration-fitter.js';

function component(variants: string[], required: boolean, priority = 0): NarrationComponent {
  return { section: required ? 'point' : 'detail', theme: 'origins', variants, required, priority };
}

describe('fitNarration', () => {
  const components = [
    component(['one two three four five six', 'one two'], true),
    component(['optional alpha beta gamma'], false, 2),
    component(['optional delta'], false, 1),
    component(['end one two three', 'end'], true),
  ];

  it('keeps the preferred wording of required slots when they already fill the target', () => {
    const sentences = fitNarration(components, 10);
    expect(sentences.map((sentence) => sentence.text)).to.deep.equal([
      'one two three four five six',
      'end one two three',
    ]);
  });

  it('switches required slots to shorter wordings when the target is small', () => {
    const sentences = fitNarration(components, 3);
    expect(sentences.map((sentence) => sentence.text)).to.deep.equal(['one two', 'end']);
  });

  it('adds optional slots by priority when there is room, keeping the original order', () => {
    const sentences = fitNarration(components, 12);
    expect(sentences.map((sentence) => sentence.text)).to.deep.equal([
      'one two three four five six',
      'optional delta',
      'end one two three',
    ]);
    const longer = fitNarration(components, 16);
    expect(longer.map((sentence) => sentence.words)).to.deep.equal([6, 4, 2, 4]);
  });

  it('never drops a required slot, even when the target is below its shortest wording', () => {
    const sentences = fitNarration(components, 0);
    expect(sentences).to.have.length(2);
  });

  it('refuses a slot without any wording', () => {
    expect(() => fitNarration([component([], true)], 5)).to.throw(/component 0 \(point\) has no wording/);
  });
});
