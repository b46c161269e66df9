import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
  testAssemblyProvider,
  testScriptProvider,
  testVisualProvider,
  testVoiceProvider,
  type ConformanceErrorCase,
  type MockLongRunningAssemblyProvider,
  type MockLongRunningVisualProvider,
  type MockScriptProvider,
  type MockShortAssemblyProvider,
  type MockShortVisualProvider,
  type MockVoiceProvider,
} from '@looply/core/testing';
import { ProviderError } from '../errors/provider-error.js';

/** A mock whose next call fails, standing in for a fake vendor told to answer 429 / 401. */
function errorCasesFor(failNext: (error: ProviderError) => void, provider: string): ConformanceErrorCase[] {
  return [
    {
      name: 'rate limited (429, Retry-After: 2)',
      arrange: () =>
        failNext(
          new ProviderError({
            provider,
            message: 'Rate limited (429)',
            retryable: true,
            retryAfterMs: 2000,
            statusCode: 429,
          }),
        ),
      expect: { retryable: true, retryAfterMs: 2000, messageIncludes: '429' },
    },
    {
      name: 'bad API key (401)',
      arrange: () =>
        failNext(
          new ProviderError({
            provider,
            message: 'Unauthorized (401): check the API key',
            retryable: false,
            statusCode: 401,
          }),
        ),
      expect: { retryable: false, messageIncludes: 'API key' },
    },
  ];
}

/**
 * Plays the fake vendor for a mock: `failNext` makes the next call throw (through the mock's
 * `onCall` hook, like a fake server told to answer 429), and the calls log answers idempotencyKeySeen.
 */
function mockHarness<Mock extends { calls: Array<{ idempotencyKey: string }> }>(create: (onCall: () => void) => Mock) {
  let latest: Mock | undefined;
  const pendingFailures: Error[] = [];
  return {
    createProvider: () => {
      latest = create(() => {
        const failure = pendingFailures.shift();
        if (failure) throw failure;
      });
      return latest;
    },
    failNext: (error: Error) => {
      pendingFailures.push(error);
    },
    idempotencyKeySeen: (key: string) => latest?.calls.some((call) => call.idempotencyKey === key) ?? false,
  };
}

describe('conformance suites against the mock providers', () => {
  const script = mockHarness<MockScriptProvider>((onCall) => createMockScriptProvider({ onCall }));
  testScriptProvider({
    title: 'mock script provider conformance',
    createProvider: () => script.createProvider(),
    errorCases: errorCasesFor(script.failNext, 'mock'),
    idempotencyKeySeen: script.idempotencyKeySeen,
  });

  const voice = mockHarness<MockVoiceProvider>((onCall) => createMockVoiceProvider({ onCall }));
  testVoiceProvider({
    title: 'mock voice provider conformance',
    createProvider: () => voice.createProvider(),
    errorCases: errorCasesFor(voice.failNext, 'mock'),
    idempotencyKeySeen: voice.idempotencyKeySeen,
  });

  const shortVisual = mockHarness<MockShortVisualProvider>((onCall) => createMockVisualProvider({ onCall }));
  testVisualProvider({
    title: 'mock visual provider (short) conformance',
    createProvider: () => shortVisual.createProvider(),
    errorCases: errorCasesFor(shortVisual.failNext, 'mock'),
    idempotencyKeySeen: shortVisual.idempotencyKeySeen,
  });

  const longVisual = mockHarness<MockLongRunningVisualProvider>((onCall) =>
    createMockVisualProvider({ id: 'mock-wan', mode: 'long-running', pendingPolls: 2, onCall }),
  );
  testVisualProvider({
    title: 'mock visual provider (long-running) conformance',
    createProvider: () => longVisual.createProvider(),
    errorCases: errorCasesFor(longVisual.failNext, 'mock-wan'),
    idempotencyKeySeen: longVisual.idempotencyKeySeen,
    timeoutMs: 5000,
  });

  const shortAssembly = mockHarness<MockShortAssemblyProvider>((onCall) => createMockAssemblyProvider({ onCall }));
  testAssemblyProvider({
    title: 'mock assembly provider (short) conformance',
    createProvider: () => shortAssembly.createProvider(),
    errorCases: errorCasesFor(shortAssembly.failNext, 'mock'),
    idempotencyKeySeen: shortAssembly.idempotencyKeySeen,
  });

  const longAssembly = mockHarness<MockLongRunningAssemblyProvider>((onCall) =>
    createMockAssemblyProvider({ id: 'mock-render', mode: 'long-running', pendingPolls: 3, onCall }),
  );
  testAssemblyProvider({
    title: 'mock assembly provider (long-running) conformance',
    createProvider: () => longAssembly.createProvider(),
    errorCases: errorCasesFor(longAssembly.failNext, 'mock-render'),
    idempotencyKeySeen: longAssembly.idempotencyKeySeen,
    timeoutMs: 5000,
  });

  // Without the optional hooks the suites still register every check, skipped with the reason in the title.
  testVoiceProvider({
    title: 'mock voice provider conformance without hooks',
    createProvider: () => createMockVoiceProvider(),
  });
});
