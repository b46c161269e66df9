import { expect } from 'chai';
import { ProviderError } from '../errors/provider-error.js';
import type { LongRunningVisualProviderV1 } from '../spec/visual/v1/visual-provider-v1.js';
import { createMockAssemblyProvider, createMockVisualProvider } from '../testing/mock-providers.js';
import { SAMPLE_BRIEF, waitFor, waitForJobEnd } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';

describe('runner long-running steps', () => {
  const suite = useTestEngineSuite();

  it('completes long-running visuals and assembly by polling doStatus until they are done', async () => {
    const visual = createMockVisualProvider({ mode: 'long-running', pendingPolls: 2 });
    const assembly = createMockAssemblyProvider({ mode: 'long-running', pendingPolls: 1 });
    const { engine } = await suite.start({ providers: { visual, assembly } });
    const waiting: string[] = [];
    engine.events.on('step-end', (event) => {
      if (event.status === 'WAITING') waiting.push(`${event.step}${event.sceneIndex ?? ''}`);
    });
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);

    expect(job.status).to.equal('COMPLETED');
    expect(waiting.sort()).to.deep.equal(['assembly', 'visual0', 'visual1', 'visual2']);
    expect(visual.calls).to.have.length(3);
    // Two pending answers, then completed: three polls per operation.
    expect(visual.statusCalls).to.have.length(9);
    expect(assembly.statusCalls).to.have.length(2);
    const visualSteps = job.steps.filter((step) => step.step === 'visual');
    expect(visualSteps.map((step) => step.externalId)).to.have.members([...visual.operations.keys()]);
    expect(visualSteps.every((step) => step.status === 'COMPLETED' && step.attempt === 1)).to.equal(true);
    expect(job.usage.byStep.visual).to.deep.equal({ images: 3 });
    expect(job.result?.video.key).to.equal(`jobs/${job.id}/assembly/video.mp4`);
  });

  it('completes a waiting visual on its webhook (confirmed with doStatus); a replayed webhook changes nothing', async () => {
    const visual = createMockVisualProvider({
      mode: 'long-running',
      autoComplete: false,
      webhookSecret: 'shh',
      pollAfterMs: 60_000,
    });
    const assembly = createMockAssemblyProvider();
    // Polls far apart: only the webhook can complete the steps within the test.
    const { engine } = await suite.start({
      providers: { visual, assembly },
      worker: { pollIntervalMs: 60_000, leaseMs: 60_000 },
    });
    const submitted = await engine.submit(SAMPLE_BRIEF);
    const waitingCount = async (count: number) => {
      const job = await engine.get(submitted.id);
      return job?.steps.filter((step) => step.step === 'visual' && step.status === 'WAITING').length === count
        ? job
        : undefined;
    };
    await waitFor('two visuals waiting', () => waitingCount(2));

    const [firstId] = [...visual.operations.keys()];
    visual.complete(firstId);
    const request = visual.createWebhookRequest({ externalId: firstId, status: 'completed', deliveryId: 'delivery-1' });
    expect(await engine.handleWebhook('mock', request)).to.deep.equal({ accepted: true });
    const afterFirst = await engine.get(submitted.id);
    expect(afterFirst?.steps.find((step) => step.externalId === firstId)?.status).to.equal('COMPLETED');
    const statusCallsAfterFirst = visual.statusCalls.length;

    // The same delivery again: acknowledged, nothing re-run, no second confirmation.
    expect(await engine.handleWebhook('mock', request)).to.deep.equal({ accepted: true });
    expect(visual.statusCalls.length).to.equal(statusCallsAfterFirst);

    // Unknown external id and a bad signature.
    expect(
      await engine.handleWebhook(
        'mock',
        visual.createWebhookRequest({ externalId: 'mock-unknown', status: 'completed' }),
      ),
    ).to.deep.equal({
      accepted: false,
    });
    const forged = { ...request, headers: { 'content-type': 'application/json', 'x-mock-webhook-secret': 'wrong' } };
    const rejected = await engine.handleWebhook('mock', forged).catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(rejected)).to.equal(true);

    // The third scene starts once a slot frees (visual concurrency 2); complete the rest by webhook too.
    const visualsLeft = async () =>
      (await engine.get(submitted.id))?.steps.filter((step) => step.step === 'visual' && step.status !== 'COMPLETED') ??
      [];
    while ((await visualsLeft()).length > 0) {
      const waitingSteps = await waitFor('a waiting visual', async () => {
        const waiting = (await visualsLeft()).filter((step) => step.status === 'WAITING');
        return waiting.length > 0 ? waiting : undefined;
      });
      for (const step of waitingSteps) {
        visual.complete(step.externalId as string);
        const delivery = visual.createWebhookRequest({ externalId: step.externalId as string, status: 'completed' });
        expect(await engine.handleWebhook('mock', delivery)).to.deep.equal({ accepted: true });
      }
    }
    const job = await waitForJobEnd(engine, submitted.id);
    expect(job.status).to.equal('COMPLETED');
    expect(assembly.calls).to.have.length(1);
    expect(job.steps.filter((step) => step.step === 'visual').every((step) => step.attempt === 1)).to.equal(true);
  });

  it('ignores a webhook about an earlier attempt of a step once a retry started new remote work', async () => {
    const mock = createMockVisualProvider({ mode: 'long-running', autoComplete: false, pollAfterMs: 60_000 });
    let starts = 0;
    // A vendor without idempotent starts: every doStart is a new operation with a new id.
    const visual: LongRunningVisualProviderV1 = {
      ...mock,
      async doStart(options) {
        starts += 1;
        return mock.doStart({ ...options, idempotencyKey: `${options.idempotencyKey}#${starts}` });
      },
    };
    const { engine } = await suite.start({
      providers: { visual },
      worker: { pollIntervalMs: 60_000, leaseMs: 60_000, visualConcurrency: 1 },
    });
    const submitted = await engine.submit(SAMPLE_BRIEF);
    const firstStep = await waitFor('scene 0 waiting', async () =>
      (await engine.get(submitted.id))?.steps.find((step) => step.step === 'visual' && step.status === 'WAITING'),
    );
    const oldExternalId = firstStep.externalId as string;

    // The remote work fails retryably: the step retries and starts new work.
    mock.fail(oldExternalId, { message: 'gpu preempted', retryable: true });
    await engine.handleWebhook('mock', mock.createWebhookRequest({ externalId: oldExternalId, status: 'error' }));
    const retried = await waitFor('scene 0 waiting on attempt 2', async () => {
      const step = (await engine.get(submitted.id))?.steps.find((candidate) => candidate.id === firstStep.id);
      return step?.status === 'WAITING' && step.attempt === 2 ? step : undefined;
    });
    expect(retried.externalId).to.not.equal(oldExternalId);

    // A (late or replayed) webhook about the first attempt's work finds no waiting step.
    mock.complete(oldExternalId);
    expect(
      await engine.handleWebhook('mock', mock.createWebhookRequest({ externalId: oldExternalId, status: 'completed' })),
    ).to.deep.equal({
      accepted: false,
    });
    const step = (await engine.get(submitted.id))?.steps.find((candidate) => candidate.id === firstStep.id);
    expect(step).to.include({ status: 'WAITING', attempt: 2, externalId: retried.externalId });
  });

  it('does not poll faster than a tenth of pollIntervalMs, even when the provider hints 0 ms', async () => {
    const visual = createMockVisualProvider({ mode: 'long-running', autoComplete: false, pollAfterMs: 0 });
    const { engine } = await suite.start({
      providers: { visual },
      worker: { pollIntervalMs: 2000, visualConcurrency: 1 },
    });
    await engine.submit(SAMPLE_BRIEF);
    await waitFor('the first poll', () => visual.statusCalls[0]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // A floor of 200 ms allows at most 6 polls in this second (a hot loop would make hundreds).
    expect(visual.statusCalls.length).to.be.within(1, 6);
  });

  it('merges the metadata returned by doStart and by a completed doStatus into the job metadata, per step, keeping the submitted metadata', async () => {
    const mock = createMockVisualProvider({ mode: 'long-running' });
    const visual: LongRunningVisualProviderV1 = {
      ...mock,
      async doStart(options) {
        const started = await mock.doStart(options);
        return { ...started, metadata: { requestId: started.externalId, attempt: 'first' } };
      },
      async doStatus(options) {
        const answer = await mock.doStatus(options);
        return answer.status === 'completed'
          ? { ...answer, metadata: { source: `remote:${options.idempotencyKey}`, attempt: 'done' } }
          : answer;
      },
    };
    const { engine } = await suite.start({ providers: { visual } });
    const submitted = await engine.submit(SAMPLE_BRIEF, { metadata: { origin: 'test' } });
    const job = await waitForJobEnd(engine, submitted.id);

    expect(job.status).to.equal('COMPLETED');
    const visualSteps = job.steps.filter((step) => step.step === 'visual');
    const expectedSteps = Object.fromEntries(
      visualSteps.map((step) => [
        `visual:${step.sceneIndex}`,
        { requestId: step.externalId, attempt: 'done', source: `remote:${job.id}:visual:${step.sceneIndex}` },
      ]),
    );
    expect(job.metadata).to.deep.equal({ origin: 'test', storage: { provider: 'local' }, steps: expectedSteps });
  });

  it('fails the step naming the provider when doStart returns metadata that is not an object', async () => {
    const mock = createMockVisualProvider({ mode: 'long-running' });
    const visual = {
      ...mock,
      async doStart(options: Parameters<typeof mock.doStart>[0]) {
        return { ...(await mock.doStart(options)), metadata: ['not', 'an', 'object'] };
      },
    } as unknown as LongRunningVisualProviderV1;
    const { engine } = await suite.start({ providers: { visual }, worker: { visualConcurrency: 1 } });
    const job = await waitForJobEnd(engine, (await engine.submit(SAMPLE_BRIEF)).id);
    expect(job.status).to.equal('FAILED');
    expect(job.error?.message).to.include('returned metadata that is not an object');
    expect(job.metadata).to.deep.equal({ storage: { provider: 'local' } });
  });

  it('fails the job when the remote work reports a non-retryable error', async () => {
    const visual = createMockVisualProvider({ mode: 'long-running', autoComplete: false });
    const { engine } = await suite.start({ providers: { visual }, worker: { visualConcurrency: 1 } });
    const submitted = await engine.submit(SAMPLE_BRIEF);
    const externalId = await waitFor('an operation', () => [...visual.operations.keys()][0]);
    visual.fail(externalId, { message: 'NSFW content detected', retryable: false });
    const job = await waitForJobEnd(engine, submitted.id);
    expect(job.status).to.equal('FAILED');
    expect(job.error).to.deep.equal({
      step: 'visual',
      sceneIndex: 0,
      provider: 'mock',
      message: 'NSFW content detected',
      code: 'remote-error',
    });
  });
});
