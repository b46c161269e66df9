import { expect } from 'chai';
import { outputFormatFor } from '../domain/brief.js';
import { sceneVisualSchema } from '../domain/scene-visual.js';
import { AbortedError, ProviderError } from '../errors/provider-error.js';
import type { VisualCallOptionsV1 } from '../spec/visual/v1/visual-provider-v1.js';
import { STYLE_CATALOGUE } from '../styles/style-catalogue.js';
import { readPngSize } from './media/read-png-size.js';
import { temporaryCallOptions } from './mock-test-fixtures.js';
import { createMockVisualProvider } from './mock-visual-provider.js';

describe('createMockVisualProvider', () => {
  let fixture: Awaited<ReturnType<typeof temporaryCallOptions>>;
  let options: VisualCallOptionsV1;
  beforeEach(async () => {
    fixture = await temporaryCallOptions('jobs/job-1/visual/scene-1');
    options = {
      ...fixture.call,
      scene: {
        index: 1,
        count: 3,
        narration: 'Light knocks electrons loose.',
        prompt: { positive: 'electrons', negative: '' },
        durationSec: 3,
      },
      style: STYLE_CATALOGUE.retro,
      output: outputFormatFor('16:9'),
      title: 'Solar',
    };
  });
  afterEach(() => fixture.dispose());

  describe("mode 'short'", () => {
    it('writes a real PNG of the output size at <prefix>/visual.png', async () => {
      const { visual } = await createMockVisualProvider().doGenerate(options);
      expect(sceneVisualSchema.safeParse(visual).success).to.equal(true);
      expect(visual).to.include({ sceneIndex: 1, kind: 'image', width: 1920, height: 1080 });
      expect(visual.artifact).to.include({ key: 'jobs/job-1/visual/scene-1/visual.png', contentType: 'image/png' });
      expect(readPngSize(await fixture.artifacts.get(visual.artifact.key))).to.deep.equal({
        width: 1920,
        height: 1080,
      });
    });

    it('records the options of every call', async () => {
      const provider = createMockVisualProvider();
      await provider.doGenerate(options);
      expect(provider.calls).to.have.length(1);
      expect(provider.calls[0].idempotencyKey).to.equal('job-1:step');
    });
  });

  describe("mode 'long-running'", () => {
    const statusOptions = (operation: unknown) => ({
      operation: JSON.parse(JSON.stringify(operation)),
      abortSignal: new AbortController().signal,
      idempotencyKey: 'job-1:step',
      artifacts: fixture.artifacts,
      artifactPrefix: options.artifactPrefix,
    });

    it('answers pending for pendingPolls polls, then completed with the visual', async () => {
      const provider = createMockVisualProvider({ mode: 'long-running', pendingPolls: 2, pollAfterMs: 1500 });
      const start = await provider.doStart(options);
      expect(start.pollAfterMs).to.equal(1500);
      const answers = [];
      for (let poll = 0; poll < 3; poll += 1) answers.push(await provider.doStatus(statusOptions(start.operation)));
      expect(answers.map((answer) => answer.status)).to.deep.equal(['pending', 'pending', 'completed']);
      const last = answers[2];
      if (last.status !== 'completed') throw new Error('expected completed');
      expect(last.result.visual.artifact.key).to.equal('jobs/job-1/visual/scene-1/visual.png');
      expect(await fixture.artifacts.exists(last.result.visual.artifact.key)).to.equal(true);
    });

    it('writes nothing before the operation completes', async () => {
      const provider = createMockVisualProvider({ mode: 'long-running', pendingPolls: 1 });
      const start = await provider.doStart(options);
      await provider.doStatus(statusOptions(start.operation));
      expect(await fixture.artifacts.list('jobs')).to.deep.equal([]);
    });

    it('returns the same operation when started twice with the same idempotency key', async () => {
      const provider = createMockVisualProvider({ mode: 'long-running' });
      const first = await provider.doStart(options);
      const second = await provider.doStart(options);
      const other = await provider.doStart({ ...options, idempotencyKey: 'job-1:other' });
      expect(second.externalId).to.equal(first.externalId);
      expect(other.externalId).to.not.equal(first.externalId);
      expect(provider.operations.size).to.equal(2);
    });

    it('stays pending until complete() when autoComplete is false', async () => {
      const provider = createMockVisualProvider({ mode: 'long-running', autoComplete: false });
      const start = await provider.doStart(options);
      for (let poll = 0; poll < 5; poll += 1)
        expect((await provider.doStatus(statusOptions(start.operation))).status).to.equal('pending');
      provider.complete(start.externalId);
      expect((await provider.doStatus(statusOptions(start.operation))).status).to.equal('completed');
    });

    it('answers error after fail() and after doCancel()', async () => {
      const provider = createMockVisualProvider({ mode: 'long-running', autoComplete: false });
      const failed = await provider.doStart(options);
      const cancelled = await provider.doStart({ ...options, idempotencyKey: 'job-1:cancelled' });
      provider.fail(failed.externalId, { message: 'GPU out of memory', retryable: true });
      await provider.doCancel({ operation: cancelled.operation, abortSignal: new AbortController().signal });
      expect(await provider.doStatus(statusOptions(failed.operation))).to.deep.equal({
        status: 'error',
        message: 'GPU out of memory',
        retryable: true,
      });
      expect(await provider.doStatus(statusOptions(cancelled.operation))).to.include({
        status: 'error',
        retryable: false,
      });
      expect(provider.cancelCalls).to.have.length(1);
    });

    it('throws the queued statusFailures from doStatus before answering', async () => {
      const outage = new ProviderError({ provider: 'mock', message: 'status endpoint down', retryable: true });
      const provider = createMockVisualProvider({ mode: 'long-running', pendingPolls: 0, statusFailures: [outage] });
      const start = await provider.doStart(options);
      expect(await provider.doStatus(statusOptions(start.operation)).catch((error: unknown) => error)).to.equal(outage);
      expect((await provider.doStatus(statusOptions(start.operation))).status).to.equal('completed');
      expect(provider.statusCalls).to.have.length(2);
    });

    it('rejects an operation it never started with a non-retryable ProviderError', async () => {
      const provider = createMockVisualProvider({ mode: 'long-running' });
      const error = await provider
        .doStatus(statusOptions({ externalId: 'mock-unknown' }))
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(ProviderError).and.to.include({ retryable: false, statusCode: 404 });
    });

    it('rejects doStart with AbortedError when the signal has already fired', async () => {
      const controller = new AbortController();
      controller.abort();
      const provider = createMockVisualProvider({ mode: 'long-running' });
      const error = await provider
        .doStart({ ...options, abortSignal: controller.signal })
        .catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(AbortedError);
      expect(provider.operations.size).to.equal(0);
    });

    describe('parseWebhook', () => {
      it('parses { externalId, status, deliveryId } from the JSON body', async () => {
        const provider = createMockVisualProvider({ mode: 'long-running' });
        const request = provider.createWebhookRequest({
          externalId: 'mock-1',
          status: 'completed',
          deliveryId: 'delivery-1',
        });
        expect(await provider.parseWebhook(request)).to.deep.equal({
          externalId: 'mock-1',
          status: 'completed',
          deliveryId: 'delivery-1',
        });
      });

      it('returns null for a body that is not a mock webhook', async () => {
        const provider = createMockVisualProvider({ mode: 'long-running' });
        expect(await provider.parseWebhook({ headers: {}, body: Buffer.from('not json'), query: {} })).to.equal(null);
        expect(
          await provider.parseWebhook({ headers: {}, body: Buffer.from('{"type":"render"}'), query: {} }),
        ).to.equal(null);
      });

      it('accepts the shared secret in its header and rejects a wrong or missing one', async () => {
        const provider = createMockVisualProvider({
          mode: 'long-running',
          webhookSecret: 'hush',
          webhookSecretHeader: 'X-Webhook-Secret',
        });
        const body = Buffer.from(JSON.stringify({ externalId: 'mock-1', status: 'pending' }));
        expect(await provider.parseWebhook({ headers: { 'x-webhook-secret': 'hush' }, body, query: {} })).to.deep.equal(
          {
            externalId: 'mock-1',
            status: 'pending',
          },
        );
        for (const headers of [{ 'x-webhook-secret': 'hush!' }, {}]) {
          const error = await provider.parseWebhook({ headers, body, query: {} }).catch((caught: unknown) => caught);
          expect(error).to.be.instanceOf(ProviderError).and.to.include({ retryable: false, statusCode: 401 });
        }
      });

      it('builds requests that carry the configured secret', async () => {
        const provider = createMockVisualProvider({ mode: 'long-running', webhookSecret: 'hush' });
        const request = provider.createWebhookRequest({ externalId: 'mock-1', status: 'error' });
        expect(request.headers['x-mock-webhook-secret']).to.equal('hush');
        expect(await provider.parseWebhook(request)).to.deep.equal({ externalId: 'mock-1', status: 'error' });
      });
    });
  });
});
