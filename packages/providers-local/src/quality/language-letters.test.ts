import { expect } from 'chai';
import { languageLetters } from './language-letters.js';

describe('languageLetters', () => {
  it('gives French its accented letters in both cases, whatever the region', () => {
    const { letters, known } = languageLetters('fr-CA');
    expect(known).to.equal(true);
    for (const letter of ['é', 'É', 'ç', 'Ç', 'œ', 'Œ', 'à', 'À', 'z', 'Z', '7']) expect(letters).to.include(letter);
  });

  it('falls back to the basic Latin alphabet for a language it has no list for', () => {
    expect(languageLetters('xx')).to.deep.equal({ letters: languageLetters('en').letters, known: false });
  });
});
