import { expect } from 'chai';
import { parseFlitePhoneLines, parseFliteSegments, wordSpansFromSegments } from './flite-word-timings.js';

describe('Flite word timings', () => {
  it('reads -psdur output, offsetting each utterance by where the previous one ended', () => {
    const segments = parseFliteSegments(
      'pau:0.100 hh:0.150 ay:0.300 pau:0.500 \npau:0.100 y:0.200 uw:0.350 pau:0.400 \n',
    );
    expect(segments[1]).to.deep.equal({ phone: 'hh', startSec: 0.1, endSec: 0.15 });
    expect(segments[5]).to.deep.include({ phone: 'y' });
    expect(segments[5].startSec).to.be.closeTo(0.6, 1e-9);
    expect(segments[5].endSec).to.be.closeTo(0.7, 1e-9);
    expect(segments.at(-1)!.endSec).to.be.closeTo(0.9, 1e-9);
  });

  it('reads one word’s phones per line without the pauses', () => {
    expect(parseFlitePhoneLines('pau hh ay pau \npau \npau y uw pau \n')).to.deep.equal([
      ['hh', 'ay'],
      [],
      ['y', 'uw'],
    ]);
  });

  it('gives each word the span of its own phones, pauses between words left out', () => {
    const segments = parseFliteSegments('pau:0.1 hh:0.15 ay:0.3 pau:0.5 y:0.6 uw:0.8 pau:0.9');
    const spans = wordSpansFromSegments(
      [
        ['hh', 'ay'],
        ['y', 'uw'],
      ],
      segments,
    );
    expect(spans.map((span) => [span.startSec, span.endSec])).to.deep.equal([
      [0.1, 0.3],
      [0.5, 0.8],
    ]);
  });

  it('follows running speech that says a word differently from the word alone', () => {
    // "the apple": "dh ax" alone, "dh iy" before a vowel; a word said as nothing in between.
    const segments = parseFliteSegments('pau:0.1 dh:0.15 iy:0.25 ae:0.4 p:0.45 ax:0.5 l:0.6 pau:0.7');
    const spans = wordSpansFromSegments([['dh', 'ax'], [], ['ae', 'p', 'ax', 'l']], segments);
    expect(spans.map((span) => [span.startSec, span.endSec])).to.deep.equal([
      [0.1, 0.25],
      [0.25, 0.25],
      [0.25, 0.6],
    ]);
  });
});
