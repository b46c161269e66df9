import { AbortedError, audioDurationSec, decodeWav, ProviderError } from '@looply/core';
import { expect } from 'chai';
import { EspeakWasmEngine } from './espeak-wasm-engine.js';

describe('EspeakWasmEngine', () => {
  const engine = new EspeakWasmEngine();
  const signal = new AbortController().signal;

  it('speaks text into a 22 050 Hz mono 16-bit WAV', async () => {
    const wav = await engine.synthesize({
      text: 'Hello there.',
      voice: 'en-us',
      wordsPerMinute: 145,
      abortSignal: signal,
    });
    const audio = decodeWav(wav);
    expect(audio).to.include({ sampleRate: 22_050, channels: 1 });
    expect(audioDurationSec(audio)).to.be.within(0.4, 3);
  });

  it('runs repeatedly with independent instances: the same input gives the same audio', async () => {
    const request = {
      text: 'Le sujet du jour : les abeilles.',
      voice: 'fr-fr',
      wordsPerMinute: 140,
      abortSignal: signal,
    };
    const first = await engine.synthesize(request);
    const second = await engine.synthesize(request);
    const other = await engine.synthesize({ ...request, text: 'Autre chose.' });
    expect(Buffer.from(second).equals(Buffer.from(first))).to.equal(true);
    expect(Buffer.from(other).equals(Buffer.from(first))).to.equal(false);
  });

  it('reads text starting with a dash as text, not as an option', async () => {
    const wav = await engine.synthesize({
      text: '--help me',
      voice: 'en-us',
      wordsPerMinute: 145,
      abortSignal: signal,
    });
    expect(audioDurationSec(decodeWav(wav))).to.be.greaterThan(0.3);
  });

  it('speaks faster at a higher words-per-minute setting', async () => {
    const text = 'The quick brown fox jumps over the lazy dog, again and again.';
    const slow = audioDurationSec(
      decodeWav(await engine.synthesize({ text, voice: 'en-us', wordsPerMinute: 120, abortSignal: signal })),
    );
    const fast = audioDurationSec(
      decodeWav(await engine.synthesize({ text, voice: 'en-us', wordsPerMinute: 240, abortSignal: signal })),
    );
    expect(fast).to.be.lessThan(slow * 0.75);
  });

  it('turns an espeak-ng error into a non-retryable ProviderError with its stderr, leaving process.exitCode alone', async () => {
    const exitCode = process.exitCode;
    try {
      await engine.synthesize({ text: 'Hello.', voice: 'xx-nope', wordsPerMinute: 145, abortSignal: signal });
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect(error).to.include({ retryable: false, code: 'espeak-failed' });
      expect((error as Error).message)
        .to.include('voice does not exist')
        .and.not.to.include('program exited');
    }
    expect(process.exitCode).to.equal(exitCode);
  });

  it('lists voices and variants', async () => {
    expect(await engine.listVoices('voices')).to.match(/\bfr-fr\s+--\/M\s+French_\(France\)/);
    expect(await engine.listVoices('variants')).to.include('!v/f3');
  });

  it('refuses to start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    try {
      await engine.synthesize({ text: 'Hello.', voice: 'en-us', wordsPerMinute: 145, abortSignal: controller.signal });
      expect.fail('expected an AbortedError');
    } catch (error) {
      expect(error).to.be.instanceOf(AbortedError);
    }
  });
});
