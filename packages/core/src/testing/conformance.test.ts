import { expect } from 'chai';
import {
  assemblyConformanceSuite,
  checkStartResult,
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
  findCheck,
  scriptConformanceSuite,
  testAssemblyProvider,
  testScriptProvider,
  testVisualProvider,
  testVoiceProvider,
  visualConformanceSuite,
  voiceConformanceSuite,
  type ConformanceErrorCase,
  type MockLongRunningAssemblyProvider,
  type MockLongRunningVisualProvider,
  type MockScriptProvider,
  type MockShortAssemblyProvider,
  type MockShortVisualProvider,
  type MockVoiceProvider,
} from '@looply/core/testing';
import { AbortedError, ProviderError } from '../errors/provider-error.js';
import type { ScriptProviderV1 } from '../spec/script/v1/script-provider-v1.js';
import type { VoiceProviderV1 } from '../spec/voice/v1/voice-provider-v1.js';
import type { VisualProviderV1 } from '../spec/visual/v1/visual-provider-v1.js';
import type { AssemblyProviderV1 } from '../spec/assembly/v1/assembly-provider-v1.js';

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

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the check to fail, but it passed');
}

describe('conformance checks catch broken providers', () => {
  const skip = (reason: string): never => {
    throw new Error(`unexpected skip: ${reason}`);
  };

  describe('script', () => {
    it('fails identity when specificationVersion is not v1', async () => {
      const broken = { ...createMockScriptProvider(), specificationVersion: 'v0' } as unknown as ScriptProviderV1;
      const error = await failureOf(
        findCheck(scriptConformanceSuite({ createProvider: () => broken }), 'identity').run(skip),
      );
      expect(error.message).to.include("specificationVersion must be 'v1'");
    });

    it('fails shape when a scene has no narration', async () => {
      const mock = createMockScriptProvider();
      const broken: ScriptProviderV1 = {
        ...mock,
        doGenerate: async (options) => {
          const result = await mock.doGenerate(options);
          return { ...result, script: { ...result.script, scenes: [{ ...result.script.scenes[0], narration: '' }] } };
        },
      };
      const error = await failureOf(
        findCheck(scriptConformanceSuite({ createProvider: () => broken }), 'shape').run(skip),
      );
      expect(error.message).to.include('scenes.0.narration');
    });

    it('fails shape when usage holds a negative number or warnings is missing', async () => {
      const mock = createMockScriptProvider();
      const broken = {
        ...mock,
        doGenerate: async (options: Parameters<ScriptProviderV1['doGenerate']>[0]) => ({
          script: (await mock.doGenerate(options)).script,
          usage: { inputTokens: -1 },
        }),
      } as unknown as ScriptProviderV1;
      const error = await failureOf(
        findCheck(scriptConformanceSuite({ createProvider: () => broken }), 'shape').run(skip),
      );
      expect(error.message).to.include('usage').and.to.include('inputTokens');
    });

    it('fails timing when the scenes add up to far more than the brief asks', async () => {
      const mock = createMockScriptProvider();
      const broken: ScriptProviderV1 = {
        ...mock,
        doGenerate: async (options) => {
          const result = await mock.doGenerate(options);
          return {
            ...result,
            script: {
              ...result.script,
              scenes: result.script.scenes.map((scene) => ({ ...scene, durationHintSec: 20 })),
            },
          };
        },
      };
      const error = await failureOf(
        findCheck(scriptConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.match(/add up to 60\.00 s.*brief's 10 s/);
    });

    it('fails timing when the language differs from the brief', async () => {
      const mock = createMockScriptProvider();
      const broken: ScriptProviderV1 = {
        ...mock,
        doGenerate: async (options) => {
          const result = await mock.doGenerate(options);
          return { ...result, script: { ...result.script, language: 'fr' } };
        },
      };
      const error = await failureOf(
        findCheck(scriptConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('script language "fr"');
    });

    it('fails the error case when the provider throws a plain Error instead of a ProviderError', async () => {
      let failNext = false;
      const mock = createMockScriptProvider();
      const broken: ScriptProviderV1 = {
        ...mock,
        doGenerate: async (options) => {
          if (failNext) throw new Error('Request failed with status code 429');
          return mock.doGenerate(options);
        },
      };
      const suite = scriptConformanceSuite({
        createProvider: () => broken,
        errorCases: [{ name: '429', arrange: () => void (failNext = true), expect: { retryable: true } }],
      });
      const error = await failureOf(findCheck(suite, 'error:429').run(skip));
      expect(error.message).to.include('must reject with a ProviderError');
    });

    it('fails the error case when retryable or retryAfterMs are mapped wrongly', async () => {
      const mock = createMockScriptProvider({
        failures: [new ProviderError({ provider: 'mock', message: 'Too many requests', retryable: false })],
      });
      const suite = scriptConformanceSuite({
        createProvider: () => mock,
        errorCases: [{ name: '429', arrange: () => undefined, expect: { retryable: true, retryAfterMs: 1000 } }],
      });
      const error = await failureOf(findCheck(suite, 'error:429').run(skip));
      expect(error.message).to.include('retryable must be true');
    });

    it('fails the idempotency check when the key never reaches the vendor', async () => {
      const suite = scriptConformanceSuite({
        createProvider: () => createMockScriptProvider(),
        idempotencyKeySeen: () => false,
      });
      const error = await failureOf(findCheck(suite, 'idempotency-key').run(skip));
      expect(error.message).to.include('did not reach the vendor');
    });
  });

  describe('voice', () => {
    function brokenVoice(
      change: (result: Awaited<ReturnType<VoiceProviderV1['doSynthesize']>>) => void,
    ): VoiceProviderV1 {
      const mock = createMockVoiceProvider();
      return {
        ...mock,
        doSynthesize: async (options) => {
          const result = await mock.doSynthesize(options);
          change(result);
          return result;
        },
      };
    }

    it('fails timing when a word lies outside its scene', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.words[0] = { ...narration.words[0], sceneIndex: 2 };
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('word 0').and.to.include("outside its scene's span");
    });

    it('fails timing when scene timings overlap', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.scenes[1] = { ...narration.scenes[1], startSec: narration.scenes[0].startSec };
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('scene 1').and.to.include('starts before scene 0 ends');
    });

    it('fails timing when there is one scene timing fewer than script scenes', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.scenes.pop();
        narration.words = narration.words.filter((word) => word.sceneIndex < narration.scenes.length);
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('2 scene timings for a script of 3 scenes');
    });

    it('fails timing when durationSec disagrees with the WAV', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.durationSec += 3;
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('the WAV lasts 10.000 s but durationSec says 13 s');
    });

    it('fails timing when the audio artifact was never stored', async () => {
      const broken = brokenVoice(({ narration }) => {
        narration.audio = { ...narration.audio, key: `${narration.audio.key.replace(/[^/]+$/, '')}missing.wav` };
      });
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'timing').run(skip),
      );
      expect(error.message).to.include('does not exist in the artifact store');
    });

    it('fails abort when the provider ignores an aborted signal and writes its audio', async () => {
      const mock = createMockVoiceProvider();
      const broken: VoiceProviderV1 = {
        ...mock,
        doSynthesize: (options) => mock.doSynthesize({ ...options, abortSignal: new AbortController().signal }),
      };
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'abort').run(skip),
      );
      expect(error.message).to.include('resolved although its abortSignal had already fired');
    });

    it('fails abort when the provider writes its audio before rejecting', async () => {
      const mock = createMockVoiceProvider();
      const broken: VoiceProviderV1 = {
        ...mock,
        doSynthesize: async (options) => {
          await mock.doSynthesize({ ...options, abortSignal: new AbortController().signal });
          throw new AbortedError();
        },
      };
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'abort').run(skip),
      );
      expect(error.message).to.match(
        /wrote artifacts although it was aborted: conformance\/voice-abort-[0-9a-f]{8}\/narration\.wav/,
      );
    });

    it('fails abort when the provider rejects with something other than an abort error', async () => {
      const mock = createMockVoiceProvider();
      const broken: VoiceProviderV1 = {
        ...mock,
        doSynthesize: async () => {
          throw new TypeError('fetch failed');
        },
      };
      const error = await failureOf(
        findCheck(voiceConformanceSuite({ createProvider: () => broken }), 'abort').run(skip),
      );
      expect(error.message).to.include('got TypeError: fetch failed');
    });
  });

  describe('visual', () => {
    it('fails output when the still is not the requested size', async () => {
      const mock = createMockVisualProvider();
      const broken: VisualProviderV1 = {
        ...mock,
        doGenerate: (options) =>
          mock.doGenerate({ ...options, output: { ...options.output, width: 1024, height: 1024 } }),
      };
      const error = await failureOf(
        findCheck(visualConformanceSuite({ createProvider: () => broken }), 'output').run(skip),
      );
      expect(error.message).to.include('the still is 1024x1024, the requested output is 1080x1920');
    });

    it('fails output when the reported size does not match the PNG', async () => {
      const mock = createMockVisualProvider();
      const broken: VisualProviderV1 = {
        ...mock,
        doGenerate: async (options) => {
          const result = await mock.doGenerate({ ...options, output: { ...options.output, width: 540, height: 960 } });
          return { ...result, visual: { ...result.visual, width: 1080, height: 1920 } };
        },
      };
      const error = await failureOf(
        findCheck(visualConformanceSuite({ createProvider: () => broken }), 'output').run(skip),
      );
      expect(error.message).to.include('the PNG is 540x960 but the result says 1080x1920');
    });

    it('fails output when the artifact is written outside the call prefix', async () => {
      const mock = createMockVisualProvider();
      const broken: VisualProviderV1 = {
        ...mock,
        doGenerate: (options) => mock.doGenerate({ ...options, artifactPrefix: 'elsewhere' }),
      };
      const error = await failureOf(
        findCheck(visualConformanceSuite({ createProvider: () => broken }), 'output').run(skip),
      );
      expect(error.message).to.include("must be under the call's artifactPrefix");
    });

    it('fails long-running when the operation is not plain JSON', async () => {
      const mock = createMockVisualProvider({ mode: 'long-running' });
      const broken: VisualProviderV1 = {
        ...mock,
        doStart: async (options) => {
          const start = await mock.doStart(options);
          return { ...start, operation: { ...(start.operation as object), startedAt: new Date() } as never };
        },
      };
      const error = await failureOf(
        findCheck(visualConformanceSuite({ createProvider: () => broken }), 'long-running').run(skip),
      );
      expect(error.message).to.include('operation must be plain JSON');
    });

    it('fails the start check when the operation cannot be serialised at all', () => {
      expect(() => checkStartResult({ externalId: 'job-1', operation: { seed: 1n } }, 'doStart')).to.throw(
        /operation is not JSON-serialisable/,
      );
      expect(() => checkStartResult({ externalId: 'job-1', operation: () => 'poll me' }, 'doStart')).to.throw(
        /operation is not JSON-serialisable/,
      );
    });

    it('fails long-running when doStatus never completes within timeoutMs', async () => {
      const suite = visualConformanceSuite({
        createProvider: () => createMockVisualProvider({ mode: 'long-running', autoComplete: false }),
        timeoutMs: 200,
      });
      const error = await failureOf(findCheck(suite, 'long-running').run(skip));
      expect(error.message).to.match(/did not (complete|settle) within 200 ms/);
    });

    it('fails long-running when doStart returns no externalId', async () => {
      const mock = createMockVisualProvider({ mode: 'long-running' });
      const broken: VisualProviderV1 = {
        ...mock,
        doStart: async (options) => ({ ...(await mock.doStart(options)), externalId: '' }),
      };
      const error = await failureOf(
        findCheck(visualConformanceSuite({ createProvider: () => broken }), 'long-running').run(skip),
      );
      expect(error.message).to.include('non-empty externalId');
    });

    it('skips the long-running check for a short provider, naming the reason', async () => {
      const suite = visualConformanceSuite({ createProvider: () => createMockVisualProvider() });
      const reasons: string[] = [];
      await findCheck(suite, 'long-running')
        .run((reason) => {
          reasons.push(reason);
          throw new Error('skipped');
        })
        .catch(() => undefined);
      expect(reasons).to.deep.equal([`provider "mock" is short (mode 'short'): nothing long-running to check`]);
    });
  });

  describe('assembly', () => {
    it('fails output when the video duration does not match the timeline', async () => {
      const mock = createMockAssemblyProvider();
      const broken: AssemblyProviderV1 = {
        ...mock,
        doGenerate: async (options) => ({
          ...(await mock.doGenerate(options)),
          durationSec: options.timeline.durationSec + 2,
        }),
      };
      const error = await failureOf(
        findCheck(assemblyConformanceSuite({ createProvider: () => broken }), 'output').run(skip),
      );
      expect(error.message).to.include('lasts 12 s, the timeline 10 s');
    });

    it('fails output when inspectVideo measures a different size than the timeline', async () => {
      const suite = assemblyConformanceSuite({
        createProvider: () => createMockAssemblyProvider(),
        inspectVideo: async () => ({ width: 720, height: 1280, durationSec: 10 }),
      });
      const error = await failureOf(findCheck(suite, 'output').run(skip));
      expect(error.message).to.include('the rendered file (inspectVideo) is 720x1280');
    });

    it('fails abort when a long-running doStart ignores an aborted signal', async () => {
      const mock = createMockAssemblyProvider({ mode: 'long-running' });
      const broken: AssemblyProviderV1 = {
        ...mock,
        doStart: (options) => mock.doStart({ ...options, abortSignal: new AbortController().signal }),
      };
      const error = await failureOf(
        findCheck(assemblyConformanceSuite({ createProvider: () => broken }), 'abort').run(skip),
      );
      expect(error.message).to.include('resolved although its abortSignal had already fired');
    });

    it('turns a doStatus error answer into a failing check that carries the vendor message', async () => {
      const mock = createMockAssemblyProvider({ mode: 'long-running' });
      const broken: AssemblyProviderV1 = {
        ...mock,
        doStatus: async () => ({ status: 'error', message: 'render failed: missing asset', retryable: false }),
      };
      const error = await failureOf(
        findCheck(assemblyConformanceSuite({ createProvider: () => broken }), 'shape').run(skip),
      );
      expect(error.message).to.include('render failed: missing asset');
    });
  });

  describe('options', () => {
    it('rejects unknown options, naming the suite and the key', () => {
      expect(() =>
        voiceConformanceSuite({ createProvider: () => createMockVoiceProvider(), timeout: 5 } as never),
      ).to.throw(/testVoiceProvider options.*Unrecognized key.*timeout/);
    });
  });
});
