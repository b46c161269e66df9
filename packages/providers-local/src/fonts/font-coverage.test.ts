import { expect } from 'chai';
import { missingCharacters } from './font-coverage.js';

describe('missingCharacters', () => {
  it('finds nothing missing in a French sentence', () => {
    expect(
      missingCharacters({ family: 'Merriweather', weight: 700 }, 'Œuvre déjà célèbre : « Ça crée où ? » — À bientôt !'),
    ).to.deep.equal([]);
  });

  it('lists each character the font lacks once, ignoring spaces', () => {
    expect(missingCharacters({ family: 'Righteous', weight: 400 }, '太阳 能 太阳 sun')).to.deep.equal([
      '太',
      '阳',
      '能',
    ]);
  });
});
