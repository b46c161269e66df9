import { expect } from 'chai';
import type { Timeline, TimelineCaption } from '@looply/core';
import { assColour, buildAssSubtitles, escapeAssText, type AssFont } from './ass-subtitles.js';

const FONT: AssFont = {
  family: 'Montserrat ExtraBold',
  bold: false,
  metrics: { unitsPerEm: 1000, windowsHeight: 1562, lineHeight: 1219 },
};

function caption(lines: string[], startSec: number, endSec: number): TimelineCaption {
  const words = lines
    .join(' ')
    .split(' ')
    .map((text, index) => ({ text, startSec: startSec + index * 0.1, endSec: startSec + index * 0.1 + 0.1 }));
  return { startSec, endSec, lines, words, sceneIndex: 0 };
}

function timeline(
  captions: TimelineCaption[],
  size = { width: 1080, height: 1920 },
): Pick<Timeline, 'output' | 'captions' | 'captionStyle'> {
  return {
    output: { ...size, fps: 30 },
    captions,
    captionStyle: {
      font: { family: 'Montserrat', weight: 800 },
      fontSizePx: 70,
      textColor: '#f8fafc',
      outlineColor: '#0f172a',
      outlineWidthPx: 6,
      safeMarginXPx: Math.round(size.width * 0.1),
      safeMarginYPx: Math.round(size.height * 0.1),
      verticalPosition: 0.75,
    },
  };
}

function dialogues(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('Dialogue:'));
}

describe('buildAssSubtitles', () => {
  it('sets PlayRes to the output size and WrapStyle 2, so libass never re-wraps the lines', () => {
    const { text } = buildAssSubtitles(timeline([caption(['Hello'], 0, 1)]), FONT);
    expect(text).to.match(/^\[Script Info\]/);
    expect(text).to.include('PlayResX: 1080\nPlayResY: 1920\n');
    expect(text).to.include('WrapStyle: 2\n');
    expect(text).to.include('ScaledBorderAndShadow: yes\n');
  });

  it("uses the font's libass family, the ASS size that gives the wanted pixels per em, the colours and the outline", () => {
    const { text } = buildAssSubtitles(timeline([caption(['Hello'], 0, 1)]), FONT);
    const style =
      text
        .split('\n')
        .find((line) => line.startsWith('Style: '))
        ?.slice(7)
        .split(',') ?? [];
    expect(style[0]).to.equal('Caption');
    expect(style[1]).to.equal('Montserrat ExtraBold');
    // 70 px per em with usWinAscent + usWinDescent = 1.562 em.
    expect(Number(style[2])).to.be.closeTo(70 * 1.562, 0.01);
    expect(style[3]).to.equal('&H00FCFAF8');
    expect(style[5]).to.equal('&H002A170F');
    expect(style[7]).to.equal('0');
    expect(style[15]).to.equal('1'); // BorderStyle 1: outline + shadow
    expect(Number(style[16])).to.equal(6);
    expect(style[18]).to.equal('5');
  });

  it('writes one dialogue per caption with centisecond times and explicit \\N line breaks', () => {
    const { text } = buildAssSubtitles(
      timeline([caption(['Solar panels turn', 'sunlight into power.'], 0.2, 2.167), caption(['Next'], 62.5, 3725.004)]),
      FONT,
    );
    const [first, second] = dialogues(text);
    expect(first).to.match(
      /^Dialogue: 0,0:00:00\.20,0:00:02\.17,Caption,,0,0,0,,\{\\pos\(540,\d+(\.\d+)?\)\}Solar panels turn\\Nsunlight into power\.$/,
    );
    expect(second).to.match(/^Dialogue: 0,0:01:02\.50,1:02:05\.00,Caption,/);
  });

  it('places the caption block in the lower part, inside the title-safe area', () => {
    for (const size of [
      { width: 1080, height: 1920 },
      { width: 1920, height: 1080 },
      { width: 1080, height: 1080 },
    ]) {
      const { text } = buildAssSubtitles(timeline([caption(['Two lines', 'of caption'], 0, 1)], size), FONT);
      const [, x, y] = /\\pos\(([\d.]+),([\d.]+)\)/.exec(dialogues(text)[0]) ?? [];
      expect(Number(x)).to.equal(size.width / 2);
      const halfBlock = 70 * 1.562 + 6;
      expect(Number(y) - halfBlock).to.be.at.least(size.height * 0.1);
      expect(Number(y) + halfBlock).to.be.at.most(size.height * 0.9);
      expect(Number(y)).to.be.greaterThan(size.height * 0.6);
    }
  });

  it('shrinks a caption that measures wider than the safe area, and says so', () => {
    const measure = (line: string, size: number): number => line.length * size * 0.6;
    const { text, warnings } = buildAssSubtitles(
      timeline([caption(['Short'], 0, 1), caption(['An extremely long caption line here'], 1, 2)]),
      FONT,
      measure,
    );
    const [short, long] = dialogues(text);
    expect(short).to.not.include('\\fs');
    const [, size] = /\\fs([\d.]+)/.exec(long) ?? [];
    const pixelsPerEm = (Number(size) / 1.562) * 1;
    expect(measure('An extremely long caption line here', pixelsPerEm) + 12).to.be.at.most(1080 * 0.8 + 0.5);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.deep.include({ type: 'other' });
  });

  it('skips captions that would last less than a centisecond', () => {
    const { text } = buildAssSubtitles(timeline([caption(['Gone'], 1, 1.001)]), FONT);
    expect(dialogues(text)).to.deep.equal([]);
  });

  it('keeps user text from opening override blocks or injecting lines', () => {
    const { text } = buildAssSubtitles(
      timeline([caption(['{\\fs200}Big', 'C:\\new\nDialogue: 0,0:00:00.00,9:00:00.00,Caption,,0,0,0,,pwned'], 0, 1)]),
      FONT,
    );
    const lines = dialogues(text);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include('\\{\\\u2060fs200\\}Big');
    expect(text.split('\n').filter((line) => line.includes('pwned'))).to.have.length(1);
  });
});

describe('escapeAssText', () => {
  it('escapes braces so they are drawn, not read as override blocks', () => {
    expect(escapeAssText('a {b} c')).to.equal('a \\{b\\} c');
  });

  it('breaks backslash sequences (\\N, \\n, \\h) with an invisible word joiner', () => {
    expect(escapeAssText('C:\\new\\N\\h')).to.equal('C:\\\u2060new\\\u2060N\\\u2060h');
    expect(escapeAssText('\\{')).to.equal('\\\u2060\\{');
  });

  it('turns newlines, tabs and control characters into spaces', () => {
    expect(escapeAssText('one\ntwo\r\nthree\tfour\u2028five\u0007six')).to.equal('one two three four five six');
  });

  it('leaves accents, punctuation and other scripts untouched', () => {
    expect(escapeAssText('Ça va ? « Oui » — 東京, 100 %')).to.equal('Ça va ? « Oui » — 東京, 100 %');
  });
});

describe('assColour', () => {
  it('converts #rrggbb to &HAABBGGRR with ASS alpha (00 opaque)', () => {
    expect(assColour('#ff8000')).to.equal('&H000080FF');
    expect(assColour('#000000', 0.5)).to.equal('&H80000000');
    expect(assColour('#ffffff80')).to.equal('&H7FFFFFFF');
  });

  it('rejects something that is not a colour', () => {
    expect(() => assColour('red')).to.throw(/"red" is not #rrggbb/);
  });
});
