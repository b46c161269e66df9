import { expect } from 'chai';
import { ProviderError } from '../errors/provider-error.js';
import type { ShortVisualProviderV1, VisualCallOptionsV1 } from '../spec/visual/v1/visual-provider-v1.js';
import { abortableDelay } from '../testing/abortable-delay.js';
import {
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '../testing/mock-providers.js';
import { SAMPLE_BRIEF, uniqueSchema, waitFor, waitForJobEnd } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';

/** Lets the worker pool run a few fetch rounds (fallback fetch is 300 ms in tests). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

describe('runner cancel', () => {
  const suite = useTestEngineSuite();

  it('cancels a running job: the running provider call is aborted and no later step starts', async () => {
    const voice = createMockVoiceProvider({ delayMs: 30_000 });
    const visual = createMockVisualProvider();
    const { engine } = await suite.start({ providers: { voice, visual } });
    const submitted = await engine.submit(SAMPLE_BRIEF);
    await waitFor('the voice call', () => voice.calls[0]);

    const cancelled = await engine.cancel(submitted.id);
    expect(cancelled.status).to.equal('CANCELLED');
    expect(cancelled.steps.map((step) => [step.step, step.status])).to.deep.equal([
      ['script', 'COMPLETED'],
      ['voice', 'CANCELLED'],
    ]);
    await waitFor('the voice call to be aborted', () => (voice.calls[0].abortSignal.aborted ? true : undefined), 5000);
    await settle();
    expect(visual.calls).to.have.length(0);
    expect((await engine.get(submitted.id))?.status).to.equal('CANCELLED');
  });

  it('aborts a step running in another engine (process) through NOTIFY', async () => {
    const schema = uniqueSchema('cancel');
    const script = createMockScriptProvider({ delayMs: 30_000 });
    const worker = await suite.start({ schema, providers: { script } });
    const api = await suite.start({ schema, workers: false });
    const submitted = await api.engine.submit(SAMPLE_BRIEF);
    await waitFor('the script call', () => script.calls[0]);

    await api.engine.cancel(submitted.id);
    await waitFor(
      'the script call to be aborted',
      () => (script.calls[0].abortSignal.aborted ? true : undefined),
      5000,
    );
    expect(script.calls[0].abortSignal.reason).to.equal('cancelled');
    expect((await worker.engine.get(submitted.id))?.status).to.equal('CANCELLED');
  });

  it('starts no provider call for a job cancelled before any worker claimed it', async () => {
    const schema = uniqueSchema('cancel');
    const api = await suite.start({ schema, workers: false });
    const submitted = await api.engine.submit(SAMPLE_BRIEF);
    await api.engine.cancel(submitted.id);
    const script = createMockScriptProvider();
    await suite.start({ schema, providers: { script } });
    await settle();
    expect(script.calls).to.have.length(0);
    expect((await api.engine.get(submitted.id))?.steps.map((step) => step.status)).to.deep.equal(['CANCELLED']);
  });

  it('asks a long-running provider to cancel the remote work of a waiting step', async () => {
    const visual = createMockVisualProvider({ mode: 'long-running', autoComplete: false });
    const { engine } = await suite.start({ providers: { visual }, worker: { pollIntervalMs: 10_000 } });
    const submitted = await engine.submit(SAMPLE_BRIEF);
    await waitFor('both visuals to wait', async () => {
      const job = await engine.get(submitted.id);
      return job?.steps.filter((step) => step.status === 'WAITING').length === 2 ? job : undefined;
    });

    await engine.cancel(submitted.id);
    expect(visual.cancelCalls).to.have.length(2);
    expect([...visual.operations.values()].map((operation) => operation.state)).to.deep.equal([
      'cancelled',
      'cancelled',
    ]);
    // A late webhook for the cancelled work changes nothing.
    const [first] = [...visual.operations.keys()];
    const accepted = await engine.handleWebhook(
      'mock',
      visual.createWebhookRequest({ externalId: first, status: 'completed' }),
    );
    expect(accepted).to.deep.equal({ accepted: true });
    expect(
      (await engine.get(submitted.id))?.steps.filter((step) => step.step === 'visual').map((step) => step.status),
    ).to.deep.equal(['CANCELLED', 'CANCELLED', 'CANCELLED']);
  });

  it('is idempotent for a cancelled job and refuses a finished one', async () => {
    const { engine } = await suite.start({});
    const done = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);
    const refused = await engine.cancel(done.id).catch((caught: unknown) => caught);
    expect(refused).to.have.property('code', 'conflict');

    const voice = createMockVoiceProvider({ delayMs: 30_000 });
    const other = await suite.start({ providers: { voice } });
    const submitted = await other.engine.submit(SAMPLE_BRIEF);
    await other.engine.cancel(submitted.id);
    const again = await other.engine.cancel(submitted.id);
    expect(again.status).to.equal('CANCELLED');
    const unknown = await other.engine
      .cancel('00000000-0000-4000-8000-000000000000')
      .catch((caught: unknown) => caught);
    expect(unknown).to.have.property('code', 'not-found');
  });

  it('a fatal error in one visual fails the job and aborts its sibling visual running at the same time', async () => {
    const calls: VisualCallOptionsV1[] = [];
    const mock = createMockVisualProvider();
    const visual: ShortVisualProviderV1 = {
      ...mock,
      mode: 'short',
      async doGenerate(options) {
        calls.push(options);
        if (options.scene.index === 0) {
          await waitFor('scene 1 to start', () => calls.find((call) => call.scene.index === 1));
          throw new ProviderError({
            provider: 'mock',
            message: 'prompt refused',
            retryable: false,
            code: 'content_policy',
          });
        }
        await abortableDelay(30_000, options.abortSignal);
        return mock.doGenerate(options);
      },
    };
    const { engine } = await suite.start({ providers: { visual } });
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);

    expect(job.status).to.equal('FAILED');
    expect(job.error).to.deep.equal({
      step: 'visual',
      sceneIndex: 0,
      provider: 'mock',
      message: 'prompt refused',
      code: 'content_policy',
    });
    await waitFor(
      'scene 1 to be aborted',
      () => (calls.find((call) => call.scene.index === 1)?.abortSignal.aborted ? true : undefined),
      5000,
    );
    expect(job.steps.filter((step) => step.step === 'visual').map((step) => step.status)).to.deep.equal([
      'FAILED',
      'CANCELLED',
      'CANCELLED',
    ]);
    expect(job.steps.some((step) => step.step === 'assembly')).to.equal(false);
  });
});
