import { expect } from 'chai';
import { createMockScriptProvider, findCheck, scriptConformanceSuite } from '@looply/core/testing';
import { ProviderError } from '../errors/provider-error.js';
import type { ScriptProviderV1 } from '../spec/script/v1/script-provider-v1.js';
import { failureOf, skip } from './__fixtures__/check-failures.js';

describe('conformance checks catch broken providers', () => {
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
});
