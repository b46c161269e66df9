import { expect } from 'chai';
import {
  assemblyConformanceSuite,
  createMockAssemblyProvider,
  createMockVoiceProvider,
  findCheck,
  voiceConformanceSuite,
} from '@looply/core/testing';
import type { AssemblyProviderV1 } from '../spec/assembly/v1/assembly-provider-v1.js';
import { failureOf, skip } from './__fixtures__/check-failures.js';

describe('conformance checks catch broken providers', () => {
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
