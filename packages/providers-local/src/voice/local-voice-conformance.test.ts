import { testVoiceProvider } from '@looply/core/testing';
import { createLocalVoiceProvider } from './local-voice-provider.js';

describe('@looply/providers-local voice', () => {
  // espeak-ng failures are covered in local-voice-provider.test.ts and the engines' tests.
  testVoiceProvider({
    title: 'local voice provider conformance (WebAssembly engine)',
    createProvider: () => createLocalVoiceProvider({ engine: 'wasm' }),
    timeoutMs: 30_000,
    // Scene spans are measured on the samples; English word timings come from Flite’s phone durations.
    timingToleranceSec: 0.001,
  });
});
