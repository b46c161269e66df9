import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AbortedError, audioDurationSec, decodeWav, ProviderError } from '@looply/core';
import { expect } from 'chai';
import { EspeakBinaryEngine } from './espeak-binary-engine.js';
import { findExecutable } from './find-executable.js';

async function expectRejection<T extends Error>(
  promise: Promise<unknown>,
  type: new (...args: never[]) => T,
): Promise<T> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(type);
    return error as T;
  }
  return expect.fail(`expected a ${type.name}`);
}

describe('EspeakBinaryEngine', () => {
  const signal = new AbortController().signal;
  let folder: string;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'looply-espeak-binary-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  async function fakeEspeak(name: string, script: string): Promise<string> {
    const path = join(folder, name);
    await writeFile(path, `#!/bin/sh\n${script}\n`);
    await chmod(path, 0o755);
    return path;
  }

  it('sends the text on stdin with UTF-8, voice and speed options, and returns stdout', async () => {
    const path = await fakeEspeak('echo-espeak', 'echo "$@"; cat');
    const output = await new EspeakBinaryEngine(path).synthesize({
      text: '-n’importe quoi',
      voice: 'fr-fr',
      wordsPerMinute: 140,
      abortSignal: signal,
    });
    expect(Buffer.from(output).toString('utf8')).to.equal('-b 1 -v fr-fr -s 140 --stdout --stdin\n-n’importe quoi');
  });

  it('turns a non-zero exit into a non-retryable ProviderError carrying stderr', async () => {
    const path = await fakeEspeak('failing-espeak', 'echo "Error: phontab is missing" >&2; exit 2');
    const error = await expectRejection(
      new EspeakBinaryEngine(path).synthesize({ text: 'Hi', voice: 'en-us', wordsPerMinute: 145, abortSignal: signal }),
      ProviderError,
    );
    expect(error).to.include({ retryable: false, code: 'espeak-failed', provider: 'local' });
    expect(error.message).to.include('exit 2').and.to.include('Error: phontab is missing');
  });

  it('names the path when there is no executable there', async () => {
    const path = join(folder, 'missing-espeak');
    const error = await expectRejection(new EspeakBinaryEngine(path).listVoices('voices'), ProviderError);
    expect(error.message).to.include(`no executable at "${path}"`);
  });

  it('kills the process and throws AbortedError when aborted', async () => {
    const path = await fakeEspeak('slow-espeak', 'exec sleep 30');
    const controller = new AbortController();
    const pending = new EspeakBinaryEngine(path).synthesize({
      text: 'Hi',
      voice: 'en-us',
      wordsPerMinute: 145,
      abortSignal: controller.signal,
    });
    setImmediate(() => controller.abort());
    await expectRejection(pending, AbortedError);
  });

  describe('with Debian’s espeak-ng on PATH', function () {
    const installed = findExecutable('espeak-ng');
    before(function () {
      // The binary is optional (the WebAssembly build is the default engine); CI does not install it.
      if (!installed) {
        console.log('      (skipped: espeak-ng is not on PATH; apt-get install -y espeak-ng runs these)');
        this.skip();
      }
    });

    it('speaks English and French into a WAV (streamed sizes) that decodes', async () => {
      const engine = new EspeakBinaryEngine(installed ?? 'espeak-ng');
      for (const [text, voice] of [
        ['Hello there, general.', 'en-us'],
        ['Bonjour à tous.', 'fr-fr'],
      ]) {
        const audio = decodeWav(await engine.synthesize({ text, voice, wordsPerMinute: 145, abortSignal: signal }));
        expect(audio).to.include({ channels: 1, sampleRate: 22_050 });
        expect(audioDurationSec(audio)).to.be.within(0.4, 4);
      }
    });

    it('reports an unknown voice with espeak-ng’s own message', async () => {
      const error = await expectRejection(
        new EspeakBinaryEngine(installed ?? 'espeak-ng').synthesize({
          text: 'Hi',
          voice: 'xx-nope',
          wordsPerMinute: 145,
          abortSignal: signal,
        }),
        ProviderError,
      );
      expect(error.message).to.include('voice does not exist');
    });
  });
});
