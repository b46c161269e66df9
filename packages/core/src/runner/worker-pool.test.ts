import { expect } from 'chai';
import { ProviderError } from '../errors/provider-error.js';
import type { ScriptProviderV1 } from '../spec/script/v1/script-provider-v1.js';
import { createMockScriptProvider } from '../testing/mock-providers.js';
import { SAMPLE_BRIEF, startTestEngine, uniqueSchema, waitForJobEnd } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';

/** The fallback fetch effectively off: only NOTIFY and wake-ups can start steps within the test. */
const NO_FALLBACK = { fallbackFetchIntervalMs: 600_000, leaseMs: 600_000 };

describe('worker pool wake-ups', () => {
  const suite = useTestEngineSuite();

  it('starts every step of a pipeline from NOTIFY hand-offs, without waiting for a polling interval', async () => {
    const schema = uniqueSchema('wake');
    const worker = await startTestEngine(suite.databaseUrl, { schema, worker: NO_FALLBACK });
    const api = await startTestEngine(suite.databaseUrl, { schema, workers: false });
    suite.track(worker, api);
    // Submitted from another engine: the only signal the worker gets is the NOTIFY at commit.
    const job = await waitForJobEnd(api.engine, (await api.engine.submit(SAMPLE_BRIEF)).id, 15_000);
    expect(job.status).to.equal('COMPLETED');
  });

  it('wakes up for a delayed retry when it comes due', async () => {
    const script = createMockScriptProvider({
      failures: [new ProviderError({ provider: 'mock', message: 'busy', retryable: true, retryAfterMs: 300 })],
    });
    const worker = await startTestEngine(suite.databaseUrl, { providers: { script }, worker: NO_FALLBACK });
    suite.track(worker);
    const job = await waitForJobEnd(worker.engine, (await worker.engine.submit(SAMPLE_BRIEF)).id, 15_000);
    expect(job.status).to.equal('COMPLETED');
    expect(script.calls).to.have.length(2);
  });

  it('runs no more steps at once than its concurrency', async () => {
    let running = 0;
    let most = 0;
    const mock = createMockScriptProvider({ delayMs: 50 });
    const script: ScriptProviderV1 = {
      ...mock,
      async doGenerate(options) {
        running += 1;
        most = Math.max(most, running);
        try {
          return await mock.doGenerate(options);
        } finally {
          running -= 1;
        }
      },
    };
    const worker = await startTestEngine(suite.databaseUrl, { providers: { script }, worker: { concurrency: 2 } });
    suite.track(worker);
    const submitted = await Promise.all(Array.from({ length: 6 }, () => worker.engine.submit(SAMPLE_BRIEF)));
    await Promise.all(submitted.map((job) => waitForJobEnd(worker.engine, job.id)));
    expect(mock.calls).to.have.length(6);
    expect(most).to.be.at.most(2);
  });
});
