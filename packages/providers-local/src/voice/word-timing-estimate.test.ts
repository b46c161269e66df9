import { expect } from 'chai';
import { estimateWordTimings, splitSpokenWords, syllableCount } from './word-timing-estimate.js';

const pauses = { clausePauseSec: 0.2, sentencePauseSec: 0.4 };

describe('word timing estimate', () => {
  it('counts syllables from vowel groups and digits', () => {
    expect(syllableCount('cat')).to.equal(1);
    expect(syllableCount('explanation')).to.equal(4);
    expect(syllableCount('électricité')).to.equal(5);
    expect(syllableCount('1920s')).to.equal(4);
    expect(syllableCount('hmm')).to.equal(1);
  });

  it('splits caption words, attaching standalone punctuation to the word before', () => {
    const words = splitSpokenWords('Le sujet du jour : les abeilles ! Fin.');
    expect(words.map((word) => word.text)).to.deep.equal([
      'Le',
      'sujet',
      'du',
      'jour\u00a0:',
      'les',
      'abeilles\u00a0!',
      'Fin.',
    ]);
    expect(words.map((word) => word.pauseAfter)).to.deep.equal([
      'none',
      'none',
      'none',
      'clause',
      'none',
      'sentence',
      'sentence',
    ]);
    expect(splitSpokenWords('« Oui »').map((word) => word.text)).to.deep.equal(['«\u00a0Oui\u00a0»']);
  });

  it('gives longer words more time and keeps words in order inside the scene', () => {
    const timings = estimateWordTimings({
      text: 'A remarkable idea',
      sceneIndex: 2,
      startSec: 10,
      endSec: 12,
      gaps: [],
      ...pauses,
    });
    expect(timings.map((timing) => timing.text)).to.deep.equal(['A', 'remarkable', 'idea']);
    expect(timings[0].startSec).to.equal(10);
    expect(timings[2].endSec).to.equal(12);
    expect(timings[1].endSec - timings[1].startSec).to.be.greaterThan(timings[0].endSec - timings[0].startSec);
    for (const timing of timings) expect(timing.sceneIndex).to.equal(2);
  });

  it('leaves a pause after punctuation', () => {
    const timings = estimateWordTimings({
      text: 'First, second word.',
      sceneIndex: 0,
      startSec: 0,
      endSec: 3,
      gaps: [],
      ...pauses,
    });
    expect(timings[1].startSec - timings[0].endSec).to.be.closeTo(0.2, 0.01);
    expect(timings[2].startSec).to.equal(timings[1].endSec);
  });

  it('snaps punctuation pauses to the silences found in the audio', () => {
    const timings = estimateWordTimings({
      text: 'One two three. Four five six.',
      sceneIndex: 0,
      startSec: 0,
      endSec: 4,
      // The estimate puts the full stop's pause at 1.8–2.2 s; the audio has it at 2.1–2.5 s.
      gaps: [{ startSec: 2.1, endSec: 2.5 }],
      ...pauses,
    });
    expect(timings[2]).to.include({ text: 'three.', endSec: 2.1 });
    expect(timings[3]).to.include({ text: 'Four', startSec: 2.5 });
    expect(timings[5].endSec).to.equal(4);
  });

  it('ignores a silence too far from any punctuation, and gaps outside the scene', () => {
    const timings = estimateWordTimings({
      text: 'One two three four five six',
      sceneIndex: 0,
      startSec: 0,
      endSec: 3,
      gaps: [
        { startSec: 1.4, endSec: 1.6 },
        { startSec: 5, endSec: 6 },
      ],
      ...pauses,
    });
    for (let index = 1; index < timings.length; index++)
      expect(timings[index].startSec).to.equal(timings[index - 1].endSec);
  });

  it('returns no words for text without any', () => {
    expect(
      estimateWordTimings({ text: '… !', sceneIndex: 0, startSec: 0, endSec: 1, gaps: [], ...pauses }),
    ).to.deep.equal([]);
  });
});
