import { expect } from 'chai';
import { registerConformanceSuite, type ConformanceSuite } from './conformance-suite.js';
import { globalTestFramework, type TestFramework } from './test-framework.js';

/** Records what a suite registers and runs each test body the way mocha would. */
function recordingFramework() {
  const registered: Array<{ title: string; timeoutMs?: number; outcome: Promise<string> }> = [];
  let afterHooks = 0;
  const framework: TestFramework = {
    describe: (_title, body) => body(),
    it: (title, body, timeoutMs) => {
      const context = {
        test: { title },
        timeouts: [] as number[],
        skip() {
          throw new Error('mocha-pending');
        },
        timeout(ms: number) {
          this.timeouts.push(ms);
        },
      };
      const outcome = body.call(context).then(
        () => `passed:${context.test.title}`,
        (error: Error) =>
          error.message === 'mocha-pending' ? `skipped:${context.test.title}` : `failed:${error.message}`,
      );
      registered.push({ title, timeoutMs, outcome });
    },
    after: () => {
      afterHooks += 1;
    },
  };
  return { framework, registered, afterHooks: () => afterHooks };
}

describe('registerConformanceSuite', () => {
  const suite: ConformanceSuite = {
    title: 'example',
    dispose: async () => undefined,
    checks: [
      { id: 'passes', title: 'passes', timeoutMs: 1000, run: async () => undefined },
      {
        id: 'static-skip',
        title: 'needs a hook',
        skipReason: 'no hook given',
        timeoutMs: 1000,
        run: async () => undefined,
      },
      {
        id: 'runtime-skip',
        title: 'long-running only',
        timeoutMs: 1000,
        run: async (skip) => skip('provider is short'),
      },
      {
        id: 'fails',
        title: 'fails',
        timeoutMs: 1000,
        run: async () => {
          throw new Error('boom');
        },
      },
    ],
  };

  it('registers one test per check, with its timeout, and a cleanup hook', async () => {
    const { framework, registered, afterHooks } = recordingFramework();
    registerConformanceSuite(suite, 'testExample', framework);
    expect(registered.map((test) => test.timeoutMs)).to.deep.equal([1000, 1000, 1000, 1000]);
    expect(afterHooks()).to.equal(1);
    await Promise.all(registered.map((test) => test.outcome));
  });

  it('puts skip reasons in the titles and reports failures', async () => {
    const { framework, registered } = recordingFramework();
    registerConformanceSuite(suite, 'testExample', framework);
    expect(await Promise.all(registered.map((test) => test.outcome))).to.deep.equal([
      'passed:passes',
      'skipped:needs a hook (skipped: no hook given)',
      'skipped:long-running only (skipped: provider is short)',
      'failed:boom',
    ]);
  });
});

describe('globalTestFramework', () => {
  it('explains how to run the suites when describe/it are not globals', () => {
    const globals = globalThis as Record<string, unknown>;
    const saved = globals.describe;
    globals.describe = undefined;
    try {
      expect(() => globalTestFramework('testVoiceProvider')).to.throw(
        /testVoiceProvider\(\).*mocha.*vitest with "globals: true"/,
      );
    } finally {
      globals.describe = saved;
    }
  });

  it('finds mocha’s describe, it and after', () => {
    const framework = globalTestFramework('testVoiceProvider');
    expect(framework.describe).to.equal(describe);
    expect(framework.it).to.equal(it);
    expect(framework.after).to.equal(after);
  });
});
