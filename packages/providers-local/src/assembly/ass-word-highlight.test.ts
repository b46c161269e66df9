import { expect } from 'chai';
import type { Timeline, TimelineCaption } from '@looply/core';
import { buildAssSubtitles, type AssFont } from './ass-subtitles.js';
import { captionLineWords, highlightSpans } from './ass-word-highlight.js';

const FONT: AssFont = {
  family: 'Montserrat ExtraBold',
  bold: false,
  metrics: { unitsPerEm: 1000, windowsHeight: 1562, lineHeight: 1219 },
};
const WORDS = [
  { text: 'Solar', startSec: 1.0, endSec: 1.3 },
  { text: 'power,', startSec: 1.35, endSec: 1.7 },
  { text: 'every', startSec: 2.1, endSec: 2.4 },
  { text: 'day\u00a0!', startSec: 2.42, endSec: 2.8 },
];
const CAPTION: TimelineCaption = {
  startSec: 1.0,
  endSec: 2.85,
  lines: ['Solar power,', 'every day\u00a0!'],
  words: WORDS,
  sceneIndex: 0,
};

function timeline(
  highlight: Timeline['captionStyle']['highlight'],
  box?: Timeline['captionStyle']['box'],
): Pick<Timeline, 'output' | 'captions' | 'captionStyle'> {
  return {
    output: { width: 1080, height: 1920, fps: 30 },
    captions: [CAPTION],
    captionStyle: {
      font: { family: 'Montserrat', weight: 800 },
      fontSizePx: 70,
      textColor: '#ffffff',
      outlineColor: '#000000',
      outlineWidthPx: 7,
      safeMarginXPx: 108,
      safeMarginYPx: 192,
      verticalPosition: 0.75,
      ...(highlight ? { highlight } : {}),
      ...(box ? { box } : {}),
    },
  };
}

const dialogues = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('Dialogue:'));

describe('word highlight in the ASS captions', () => {
  it('maps the lines back onto the words, keeping punctuation glued with a no-break space', () => {
    expect(captionLineWords(CAPTION)).to.deep.equal([
      ['Solar', 'power,'],
      ['every', 'day\u00a0!'],
    ]);
    expect(captionLineWords({ ...CAPTION, lines: ['Solar power, every', 'day\u00a0!'] })).to.deep.equal([
      ['Solar', 'power,', 'every'],
      ['day\u00a0!'],
    ]);
    expect(captionLineWords({ ...CAPTION, lines: ['Something else entirely'] })).to.equal(undefined);
    // A word that holds an ordinary space (French punctuation from the voice) stays one word.
    const spaced = {
      lines: ['Expliqué simplement :', "l'énergie"],
      words: ['Expliqué', 'simplement :', "l'énergie"].map((text, index) => ({
        text,
        startSec: index,
        endSec: index + 0.5,
      })),
    };
    expect(captionLineWords(spaced)).to.deep.equal([['Expliqué', 'simplement :'], ["l'énergie"]]);
  });

  it('hands the highlight from word to word exactly at each onset, the spans abutting from the caption start to its end', () => {
    expect(highlightSpans(CAPTION)).to.deep.equal([
      { startSec: 1.0, endSec: 1.35, word: 0 },
      { startSec: 1.35, endSec: 2.1, word: 1 },
      { startSec: 2.1, endSec: 2.42, word: 2 },
      { startSec: 2.42, endSec: 2.85, word: 3 },
    ]);
  });

  it('writes one event per word, the spoken word in the highlight colour and the rest in the text colour', () => {
    const lines = dialogues(buildAssSubtitles(timeline({ mode: 'color', textColor: '#facc15' }), FONT).text);
    expect(lines).to.have.length(4);
    expect(lines[0]).to.match(
      /^Dialogue: 0,0:00:01\.00,0:00:01\.35,Caption,,0,0,0,,\{\\pos\([\d.]+,[\d.]+\)\}\{\\1c&H0015CCFA\}Solar\{\\1c&H00FFFFFF\} power,\\Nevery day !$/,
    );
    expect(lines[3]).to.match(
      /^Dialogue: 0,0:00:02\.42,0:00:02\.85,Caption,.*Solar power,\\Nevery \{\\1c&H0015CCFA\}day !\{\\1c&H00FFFFFF\}$/,
    );
  });

  it('in box mode adds a layer-1 event per word drawing only that word on the box style, other words transparent', () => {
    const { text } = buildAssSubtitles(timeline({ mode: 'box', textColor: '#facc15', boxColor: '#be123c' }), FONT);
    const highlightStyle =
      text
        .split('\n')
        .find((line) => line.startsWith('Style: Highlight'))
        ?.split(',') ?? [];
    expect(highlightStyle[5]).to.equal('&H003C12BE');
    expect(highlightStyle[15]).to.equal('3');
    const boxes = dialogues(text).filter((line) => line.startsWith('Dialogue: 1,'));
    expect(boxes).to.have.length(4);
    expect(boxes[1]).to.match(
      /^Dialogue: 1,0:00:01\.35,0:00:02\.10,Highlight,.*\{\\alpha&HFF&\}Solar \{\\alpha&H00&\\1c&H0015CCFA\}power,\{\\alpha&HFF&\}\\N\{\\alpha&HFF&\}every \{\\alpha&HFF&\}day !$/,
    );
  });

  it('draws a caption box (BorderStyle 3, the outline colour at the box opacity) when the style has one', () => {
    const { text } = buildAssSubtitles(timeline(undefined, { color: '#000000', opacity: 0.85 }), FONT);
    const style =
      text
        .split('\n')
        .find((line) => line.startsWith('Style: Caption'))
        ?.split(',') ?? [];
    expect(style[5]).to.equal('&H26000000');
    expect(style[15]).to.equal('3');
    expect(dialogues(text)).to.have.length(1);
  });

  it('falls back to one plain event for a caption whose lines do not spell its words', () => {
    const odd = {
      ...timeline({ mode: 'color', textColor: '#facc15' }),
      captions: [{ ...CAPTION, lines: ['Different text'] }],
    };
    const lines = dialogues(buildAssSubtitles(odd, FONT).text);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.not.include('\\1c');
  });
});
