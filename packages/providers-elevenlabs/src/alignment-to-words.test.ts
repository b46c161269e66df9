import { expect } from 'chai';
import { estimateWords, wordsFromAlignment } from './alignment-to-words.js';
import type { CharacterAlignment } from './elevenlabs-api-types.js';

function alignmentOf(text: string, secondsPerCharacter = 0.1): CharacterAlignment {
  const characters = Array.from(text);
  return {
    characters,
    characterStartTimesSeconds: characters.map((_, index) => index * secondsPerCharacter),
    characterEndTimesSeconds: characters.map((_, index) => (index + 1) * secondsPerCharacter),
  };
}

describe('wordsFromAlignment', () => {
  it('spans each word from its first character start to its last character end, punctuation attached', () => {
    const words = wordsFromAlignment(alignmentOf('Hi, sun!'), { offsetSec: 0, durationSec: 10, sceneIndex: 0 });
    expect(words).to.deep.equal([
      { text: 'Hi,', startSec: 0, endSec: 0.3, sceneIndex: 0 },
      { text: 'sun!', startSec: 0.4, endSec: 0.8, sceneIndex: 0 },
    ]);
  });

  it('offsets by the audio before the clip and tags the scene', () => {
    const words = wordsFromAlignment(alignmentOf('go now'), { offsetSec: 2.5, durationSec: 10, sceneIndex: 3 });
    expect(words).to.deep.equal([
      { text: 'go', startSec: 2.5, endSec: 2.7, sceneIndex: 3 },
      { text: 'now', startSec: 2.8, endSec: 3.1, sceneIndex: 3 },
    ]);
  });

  it('treats runs of spaces, tabs and newlines as one separator', () => {
    const words = wordsFromAlignment(alignmentOf(' a \n\t b  '), { offsetSec: 0, durationSec: 10, sceneIndex: 0 });
    expect(words.map((word) => word.text)).to.deep.equal(['a', 'b']);
  });

  it('clamps times into the clip so a word never spills into the next clip', () => {
    const words = wordsFromAlignment(alignmentOf('long word', 1), { offsetSec: 1, durationSec: 6, sceneIndex: 0 });
    expect(words.at(-1)).to.deep.equal({ text: 'word', startSec: 6, endSec: 7, sceneIndex: 0 });
  });

  it('tolerates arrays of unequal length by using the common part', () => {
    const alignment = alignmentOf('ab cd');
    alignment.characterEndTimesSeconds.pop();
    const words = wordsFromAlignment(alignment, { offsetSec: 0, durationSec: 10, sceneIndex: 0 });
    expect(words.map((word) => word.text)).to.deep.equal(['ab', 'c']);
  });
});

describe('estimateWords', () => {
  it('spreads the clip over its words by length, covering the whole clip', () => {
    const words = estimateWords('a bbb', { offsetSec: 1, durationSec: 6, sceneIndex: 2 });
    expect(words).to.deep.equal([
      { text: 'a', startSec: 1, endSec: 3, sceneIndex: 2 },
      { text: 'bbb', startSec: 3, endSec: 7, sceneIndex: 2 },
    ]);
  });
});
