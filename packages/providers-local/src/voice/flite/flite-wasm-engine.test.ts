import { AbortedError, decodeWav } from '@looply/core';
import { expect } from 'chai';
import { flitePhoneLines, runFlite, synthesizeWithFlite } from './flite-wasm-engine.js';
import { parseFlitePhoneLines, parseFliteSegments } from './flite-word-timings.js';

describe('Flite WebAssembly engine', function () {
  this.timeout(60_000);

  it('synthesises a 16 kHz WAV and the segments it is made of, ending where the audio ends', async () => {
    const { wav, segments } = await synthesizeWithFlite({
      text: 'Hello there. How are you?',
      voice: 'slt',
      abortSignal: new AbortController().signal,
    });
    const audio = decodeWav(wav);
    expect(audio).to.include({ sampleRate: 16_000, channels: 1 });
    const parsed = parseFliteSegments(segments);
    expect(parsed.map((segment) => segment.phone).filter((phone) => phone !== 'pau')).to.deep.equal([
      'hh',
      'ax',
      'l',
      'ow',
      'dh',
      'eh',
      'r',
      'hh',
      'aw',
      'aa',
      'r',
      'y',
      'uw',
    ]);
    expect(parsed.at(-1)!.endSec).to.be.closeTo(audio.samples.length / audio.sampleRate, 0.005);
  });

  it('says each word on its own line when words are separated by blank lines', async () => {
    expect(parseFlitePhoneLines(await flitePhoneLines('cat\n\n2024\n\n'))).to.deep.equal([
      ['k', 'ae', 't'],
      ['t', 'w', 'eh', 'n', 't', 'iy', 't', 'w', 'eh', 'n', 't', 'iy', 'f', 'ao', 'r'],
    ]);
  });

  it('refuses to start when already aborted, and keeps Flite’s complaints out of the terminal, returning them', async () => {
    const aborted = new AbortController();
    aborted.abort();
    try {
      await synthesizeWithFlite({ text: 'Hello', voice: 'slt', abortSignal: aborted.signal });
      expect.fail('expected an AbortedError');
    } catch (error) {
      expect(error).to.be.instanceOf(AbortedError);
    }
    const missing = await runFlite(['-f', '/work/missing.txt', '-o', '/work/output.wav'], '');
    expect(missing.wav).to.equal(undefined);
    expect(missing.stderr).to.equal('failed to open file "/work/missing.txt" for reading');
  });

  it('stops a synthesis under way at once when aborted (its process is killed)', async () => {
    const controller = new AbortController();
    const longText = 'The quick brown fox jumps over the lazy dog. '.repeat(60);
    const started = Date.now();
    const running = synthesizeWithFlite({ text: longText, voice: 'slt', abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    try {
      await running;
      expect.fail('expected an AbortedError');
    } catch (error) {
      expect(error).to.be.instanceOf(AbortedError);
    }
    // Synthesising that text takes several seconds; a kill ends it well before.
    expect(Date.now() - started).to.be.below(3_000);
  });
});
