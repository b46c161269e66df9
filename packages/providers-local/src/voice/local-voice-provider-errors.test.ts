import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AbortedError, ProviderError } from '@looply/core';
import { expect } from 'chai';
import { ENGLISH, useLocalVoiceHarness } from './__fixtures__/local-voice-harness.js';

describe('createLocalVoiceProvider', () => {
  const { synthesize, store, root } = useLocalVoiceHarness();

  it('stops between scenes when aborted, writing no narration', async () => {
    const controller = new AbortController();
    const pending = synthesize({ engine: 'wasm' }, ENGLISH, {}, { signal: controller.signal, prefix: 'aborted/voice' });
    setImmediate(() => controller.abort());
    try {
      await pending;
      expect.fail('expected an AbortedError');
    } catch (error) {
      expect(error).to.be.instanceOf(AbortedError);
    }
    expect(await store.exists('aborted/voice/narration.wav')).to.equal(false);
  });

  it('reports an espeak-ng failure as a non-retryable ProviderError with its stderr', async () => {
    const fixtures = fileURLToPath(new URL('./espeak/__fixtures__/', import.meta.url));
    const fake = join(root, 'fake-espeak-ng');
    await writeFile(
      fake,
      [
        '#!/bin/sh',
        `case "$1" in`,
        `  --voices) cat '${join(fixtures, 'espeak-ng-voices.txt')}' ;;`,
        `  --voices=variant) cat '${join(fixtures, 'espeak-ng-variants.txt')}' ;;`,
        '  *) echo "Error processing file phontab: No such file or directory." >&2; exit 1 ;;',
        'esac',
        '',
      ].join('\n'),
    );
    await chmod(fake, 0o755);
    try {
      await synthesize({ espeakPath: fake, voice: 'en-us' }, ENGLISH);
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect(error).to.include({ retryable: false, provider: 'local' });
      expect((error as Error).message)
        .to.include(fake)
        .and.to.include('Error processing file phontab');
    }
  });

  it('insists on a binary when told to, and says how to get one', async () => {
    const path = process.env.PATH;
    process.env.PATH = root;
    try {
      await synthesize({ engine: 'binary', voice: 'en-us' }, ENGLISH);
      expect.fail('expected a ProviderError');
    } catch (error) {
      expect(error).to.be.instanceOf(ProviderError);
      expect((error as Error).message).to.include('no espeak-ng on PATH');
    } finally {
      process.env.PATH = path;
    }
  });
});
