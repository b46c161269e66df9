import { createHook } from 'node:async_hooks';
import { expect } from 'chai';
import { createMockScriptProvider, createMockVoiceProvider } from '../testing/mock-providers.js';
import {
  createArtifactsRoot,
  SAMPLE_BRIEF,
  startTestEngine,
  uniqueSchema,
  waitFor,
  waitForJobEnd,
} from './__fixtures__/engine-harness.js';
import { useTestEngineSuite } from './__fixtures__/test-engine-suite.js';

describe('engine.stop()', () => {
  const suite = useTestEngineSuite();

  it('lets a step that ends within the shutdown timeout finish and store its output', async () => {
    const script = createMockScriptProvider({ delayMs: 300 });
    const voice = createMockVoiceProvider();
    const running = await startTestEngine(suite.databaseUrl, {
      providers: { script, voice },
      worker: { shutdownTimeoutMs: 5000 },
    });
    const { id: jobId } = await running.engine.submit(SAMPLE_BRIEF);
    await waitFor('the script call', () => script.calls[0]);
    const status = running.engine.get(jobId);
    await running.stop();
    expect((await status)?.status).to.equal('RUNNING');

    const checker = await startTestEngine(suite.databaseUrl, { schema: running.schema, workers: false });
    suite.track(checker);
    const job = await checker.engine.get(jobId);
    expect(job?.steps.map((step) => [step.step, step.status])).to.deep.equal([
      ['script', 'COMPLETED'],
      ['voice', 'PENDING'],
    ]);
    expect(script.calls[0].abortSignal.aborted).to.equal(false);
    expect(voice.calls).to.have.length(0);
  });

  it('aborts a step still running at the timeout and hands it back (PENDING, attempt not counted) for another worker', async () => {
    const schema = uniqueSchema('stop');
    const artifactsRoot = await createArtifactsRoot();
    const slow = createMockScriptProvider({ delayMs: 60_000 });
    const first = await startTestEngine(suite.databaseUrl, {
      schema,
      artifactsRoot,
      providers: { script: slow },
      worker: { shutdownTimeoutMs: 200 },
    });
    const { id: jobId } = await first.engine.submit(SAMPLE_BRIEF);
    await waitFor('the script call', () => slow.calls[0]);
    await first.engine.stop();
    expect(slow.calls[0].abortSignal.reason).to.equal('shutdown');

    const script = createMockScriptProvider();
    const second = await startTestEngine(suite.databaseUrl, { schema, artifactsRoot, providers: { script } });
    suite.track(second);
    const stepAfterStop = (await second.engine.get(jobId))?.steps[0];
    expect(stepAfterStop).to.include({ step: 'script', attempt: 0 });
    const job = await waitForJobEnd(second.engine, jobId);
    expect(job.status).to.equal('COMPLETED');
    expect(job.steps[0]).to.include({ step: 'script', attempt: 1 });
    expect(script.calls).to.have.length(1);
  });

  it('closes every connection and timer it opened', async () => {
    // Sockets and timers created while the engine lives and not destroyed after stop() would keep
    // a process (mocha, a CLI) alive or leak.
    const alive = new Map<number, string>();
    const hook = createHook({
      init(id, type) {
        if (type !== 'TCPWRAP' && type !== 'Timeout') return;
        const stack = new Error().stack ?? '';
        // Mocha's own test timers are not ours.
        if (!stack.includes('/mocha/')) alive.set(id, `${type} ${stack.split('\n').slice(5, 14).join(' ')}`);
      },
      destroy(id) {
        alive.delete(id);
      },
    });
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 20;
    hook.enable();
    try {
      const started = await startTestEngine(suite.databaseUrl, {});
      await waitForJobEnd(started.engine, (await started.engine.submit(SAMPLE_BRIEF)).id);
      expect([...alive.values()].some((resource) => resource.startsWith('TCPWRAP'))).to.equal(true);
      await started.stop();
      // Destroy hooks of closed sockets run on a later turn of the event loop.
      for (let turn = 0; turn < 1000 && alive.size > 0; turn++) await new Promise((resolve) => setImmediate(resolve));
    } finally {
      hook.disable();
      Error.stackTraceLimit = stackTraceLimit;
    }
    expect([...alive.values()]).to.deep.equal([]);
  });
});
