import { expect } from 'chai';
import { findSilentGaps, findSpeechBounds } from './speech-activity.js';

const RATE = 1000;

/** Silence and tone segments, in milliseconds at 1 kHz. */
function signal(...segments: Array<['silence' | 'tone', number]>): Int16Array {
  const samples: number[] = [];
  for (const [kind, milliseconds] of segments) {
    for (let index = 0; index < milliseconds; index++) samples.push(kind === 'silence' ? 0 : index % 2 ? 8000 : -8000);
  }
  return Int16Array.from(samples);
}

describe('speech activity', () => {
  it('finds where speech starts and ends, keeping 10 ms on each side', () => {
    const samples = signal(['silence', 200], ['tone', 500], ['silence', 300]);
    expect(findSpeechBounds(samples, RATE)).to.deep.equal({ start: 190, end: 710 });
  });

  it('treats low-level noise as silence and says when there is no speech at all', () => {
    const noise = Int16Array.from({ length: 500 }, (_, index) => (index % 2 ? 10 : -10));
    expect(findSpeechBounds(noise, RATE)).to.equal(null);
    expect(findSpeechBounds(new Int16Array(0), RATE)).to.equal(null);
  });

  it('finds silent gaps inside speech longer than the minimum, ignoring short closures and the edges', () => {
    const samples = signal(
      ['silence', 50],
      ['tone', 300],
      ['silence', 40],
      ['tone', 300],
      ['silence', 200],
      ['tone', 300],
      ['silence', 100],
    );
    const gaps = findSilentGaps(samples, RATE);
    expect(gaps).to.have.length(1);
    expect(gaps[0].startSec).to.be.closeTo(0.69, 0.011);
    expect(gaps[0].endSec).to.be.closeTo(0.89, 0.011);
  });
});
