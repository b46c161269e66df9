import { expect } from 'chai';
import type { WordTiming } from '../domain/narration.js';
import { LooplyError } from '../errors/looply-error.js';
import { buildCaptions, characterCount } from './captions.js';

/** Words spoken one after another: `wordSec` each, `gapSec` between, a longer pause after sentence ends. */
function speak(
  scenes: string[],
  options: { wordSec?: number; gapSec?: number; sentencePauseSec?: number; sceneGapSec?: number } = {},
): WordTiming[] {
  const { wordSec = 0.3, gapSec = 0.05, sentencePauseSec = 0.25, sceneGapSec = 0.4 } = options;
  const words: WordTiming[] = [];
  let cursor = 0.2;
  scenes.forEach((text, sceneIndex) => {
    for (const word of text.split(' ')) {
      words.push({ text: word, startSec: round(cursor), endSec: round(cursor + wordSec), sceneIndex });
      cursor += wordSec + gapSec + (/[.!?]$/.test(word) ? sentencePauseSec : 0);
    }
    cursor += sceneGapSec;
  });
  return words;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

const LONG_TEXT = [
  'Solar panels turn sunlight into electricity, quietly and without moving parts. A typical rooftop system pays for itself in seven to ten years, then keeps producing power for decades.',
  'Prices have fallen by ninety percent since 2010, which is why solar is now the cheapest new electricity in history. Batteries store the surplus for the evening, so the lights stay on after sunset.',
  'Ready to look up? Your roof might be the best power plant you will ever own.',
];

describe('buildCaptions', () => {
  for (const maxCharsPerLine of [16, 21, 32, 42]) {
    it(`keeps every caption to at most 2 lines of at most ${maxCharsPerLine} characters`, () => {
      const captions = buildCaptions(speak(LONG_TEXT), { maxCharsPerLine });
      expect(captions.length).to.be.greaterThan(3);
      for (const caption of captions) {
        expect(caption.lines.length).to.be.within(1, 2);
        for (const line of caption.lines) expect(characterCount(line), line).to.be.at.most(maxCharsPerLine);
      }
    });
  }

  it('never splits or drops a word: the lines read back the words in order', () => {
    const words = speak(LONG_TEXT);
    const captions = buildCaptions(words, { maxCharsPerLine: 21 });
    const shown = captions.flatMap((caption) => caption.lines.join(' ').split(' '));
    expect(shown).to.deep.equal(words.map((word) => word.text));
    for (const caption of captions)
      expect(caption.lines.join(' ')).to.equal(caption.words.map((word) => word.text).join(' '));
  });

  it("starts each caption at its first word's start and ends it at its last word's end, lingering at most 0.05 s into silence", () => {
    const words = speak(LONG_TEXT);
    const captions = buildCaptions(words, { maxCharsPerLine: 32 });
    captions.forEach((caption, index) => {
      const first = caption.words[0];
      const last = caption.words[caption.words.length - 1];
      expect(caption.startSec).to.equal(first.startSec);
      expect(caption.endSec).to.be.at.least(last.endSec);
      expect(caption.endSec).to.be.at.most(last.endSec + 0.05 + 1e-9);
      const next = captions[index + 1];
      if (next) expect(caption.endSec, `caption ${index} overlaps the next one`).to.be.at.most(next.startSec);
    });
  });

  it('does not linger when the next caption starts right after the last word', () => {
    const words: WordTiming[] = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'].map((text, index) => ({
      text,
      startSec: index * 0.4,
      endSec: index * 0.4 + 0.4,
      sceneIndex: 0,
    }));
    const captions = buildCaptions(words, { maxCharsPerLine: 10, maxLines: 1 });
    expect(captions.length).to.be.greaterThan(1);
    for (const [index, caption] of captions.slice(0, -1).entries()) {
      expect(caption.endSec).to.equal(captions[index + 1].startSec);
      expect(caption.endSec).to.be.closeTo(caption.words.at(-1)?.endSec ?? Number.NaN, 1e-6);
    }
  });

  it('never lets a caption cross a scene boundary', () => {
    const words = speak(['Short first scene', 'and a second scene that goes on a little'], { sceneGapSec: 0 });
    const captions = buildCaptions(words, { maxCharsPerLine: 32 });
    for (const caption of captions) {
      const scenes = new Set(
        caption.words.map((word) => words.find((candidate) => candidate.startSec === word.startSec)?.sceneIndex),
      );
      expect([...scenes]).to.deep.equal([caption.sceneIndex]);
    }
    expect(captions[0].lines).to.deep.equal(['Short first scene']);
    expect(captions[1].sceneIndex).to.equal(1);
  });

  it('prefers ending a caption at the end of a sentence', () => {
    const captions = buildCaptions(
      speak(['Solar power is cheap. It now works well on almost every roof in the country.']),
      { maxCharsPerLine: 32 },
    );
    expect(captions[0].lines.join(' ')).to.equal('Solar power is cheap.');
  });

  it('prefers breaking at a comma over breaking mid-phrase', () => {
    const captions = buildCaptions(
      speak(['When the sun comes up over the hills, every panel starts working at once']),
      { maxCharsPerLine: 20 },
    );
    expect(captions[0].lines.join(' ')).to.equal('When the sun comes up over the hills,');
  });

  it('splits two lines in a balanced way', () => {
    const captions = buildCaptions(speak(['Batteries store the surplus for the evening hours']), {
      maxCharsPerLine: 32,
    });
    expect(captions).to.have.length(1);
    const [first, second] = captions[0].lines.map(characterCount);
    expect(Math.abs(first - second)).to.be.at.most(8);
  });

  it('starts a new caption after a long pause instead of keeping text on screen through the silence', () => {
    const words: WordTiming[] = [
      { text: 'Wait', startSec: 0, endSec: 0.3, sceneIndex: 0 },
      { text: 'for', startSec: 0.35, endSec: 0.5, sceneIndex: 0 },
      { text: 'it', startSec: 0.55, endSec: 0.7, sceneIndex: 0 },
      { text: 'sunshine', startSec: 2.0, endSec: 2.5, sceneIndex: 0 },
    ];
    const captions = buildCaptions(words, { maxCharsPerLine: 32 });
    expect(captions.map((caption) => caption.lines.join(' '))).to.deep.equal(['Wait for it', 'sunshine']);
    expect(captions[0].endSec).to.be.closeTo(0.75, 1e-9);
  });

  it('glues punctuation-only words to their neighbour with a no-break space (French spacing)', () => {
    const words: WordTiming[] = [
      { text: '«', startSec: 0, endSec: 0.05, sceneIndex: 0 },
      { text: 'Bonjour', startSec: 0.05, endSec: 0.5, sceneIndex: 0 },
      { text: '!', startSec: 0.5, endSec: 0.55, sceneIndex: 0 },
      { text: '»', startSec: 0.55, endSec: 0.6, sceneIndex: 0 },
      { text: 'Ça', startSec: 0.8, endSec: 1.0, sceneIndex: 0 },
      { text: 'va', startSec: 1.0, endSec: 1.2, sceneIndex: 0 },
      { text: '?', startSec: 1.2, endSec: 1.25, sceneIndex: 0 },
    ];
    const captions = buildCaptions(words, { maxCharsPerLine: 12 });
    const texts = captions.flatMap((caption) => caption.words.map((word) => word.text));
    expect(texts).to.deep.equal(['«\u00a0Bonjour\u00a0!\u00a0»', 'Ça', 'va\u00a0?']);
    for (const caption of captions) for (const line of caption.lines) expect(line).to.not.match(/^[!?»]/);
  });

  it('gives a word longer than a line a line of its own rather than cutting it', () => {
    const words: WordTiming[] = [
      { text: 'the', startSec: 0, endSec: 0.2, sceneIndex: 0 },
      { text: 'Rechtsschutzversicherungsgesellschaften', startSec: 0.25, endSec: 1.5, sceneIndex: 0 },
      { text: 'pay', startSec: 1.55, endSec: 1.8, sceneIndex: 0 },
    ];
    const captions = buildCaptions(words, { maxCharsPerLine: 16 });
    const lines = captions.flatMap((caption) => caption.lines);
    expect(lines).to.include('Rechtsschutzversicherungsgesellschaften');
    expect(lines.join(' ')).to.equal('the Rechtsschutzversicherungsgesellschaften pay');
  });

  it('drops blank words and keeps words given out of order in time order', () => {
    const words: WordTiming[] = [
      { text: 'world', startSec: 0.5, endSec: 0.9, sceneIndex: 0 },
      { text: '  ', startSec: 0.45, endSec: 0.5, sceneIndex: 0 },
      { text: 'Hello', startSec: 0, endSec: 0.4, sceneIndex: 0 },
    ];
    expect(buildCaptions(words).map((caption) => caption.lines)).to.deep.equal([['Hello world']]);
  });

  it('never ends a caption after the end limit', () => {
    const words: WordTiming[] = [{ text: 'Bye.', startSec: 1, endSec: 1.48, sceneIndex: 0 }];
    expect(buildCaptions(words, { endLimitSec: 1.5 })[0].endSec).to.equal(1.5);
  });

  it('rejects invalid options with an error naming the option', () => {
    expect(() => buildCaptions([], { maxLines: 3 as 2 })).to.throw(LooplyError, /caption options: maxLines/);
    expect(() => buildCaptions([], { lingerSec: 1 })).to.throw(LooplyError, /lingerSec/);
  });
});
