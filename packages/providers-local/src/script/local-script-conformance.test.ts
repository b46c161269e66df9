import { briefSchema } from '@looply/core';
import { testScriptProvider } from '@looply/core/testing';
import { createLocalScriptProvider } from './local-script-provider.js';

describe('@looply/providers-local script', () => {
  // The template writer has no vendor to fail; its own errors are covered in local-script-provider.test.ts.
  testScriptProvider({
    title: 'local script provider conformance (sample brief)',
    createProvider: () => createLocalScriptProvider(),
    durationTolerance: 0.01,
  });

  testScriptProvider({
    title: 'local script provider conformance (French, 60 s)',
    createProvider: () => createLocalScriptProvider(),
    brief: briefSchema.parse({
      topic: 'les abeilles',
      tone: 'calme',
      durationSec: 60,
      language: 'fr-CA',
      style: 'documentary',
    }),
    durationTolerance: 0.01,
  });
});
