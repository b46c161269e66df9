import { expect } from 'chai';
import { checkStartResult, createMockVisualProvider, findCheck, visualConformanceSuite } from '@looply/core/testing';
import type { VisualProviderV1 } from '../spec/visual/v1/visual-provider-v1.js';
import { failureOf, skip } from './__fixtures__/check-failures.js';

describe('conformance checks catch broken providers', () => {
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
});
