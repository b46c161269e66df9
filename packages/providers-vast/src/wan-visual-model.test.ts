import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LocalArtifactStore,
  ProviderError,
  STYLE_CATALOGUE,
  type VisualCallOptionsV1,
  type VisualResultV1,
} from '@looply/core';
import { runLongRunningCall, sampleOutput, sampleScript, sampleVisualScene } from '@looply/core/testing';
import { expect } from 'chai';
import { deriveSeed } from './derive-seed.js';
import { startFakeComfyWrapper, type FakeClipDelivery, type FakeComfyWrapper } from './testing/index.js';
import { WAN_DEFAULT_NEGATIVE_PROMPT } from './wan-negative-prompt.js';
import { wanRequestId } from './wan-request-id.js';
import { WanVisualModel } from './wan-visual-model.js';
import type { VastVisualSettings } from './vast-settings.js';
import { signWebhookBody } from './webhook-signature.js';

const TOKEN = 'wan-test-token';

async function rejectionOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ProviderError.isInstance(error), `expected a ProviderError, got ${String(error)}`).to.equal(true);
  return error as ProviderError;
}

describe('WanVisualModel against a fake ComfyUI API wrapper', function () {
  this.timeout(60_000);
  let fake: FakeComfyWrapper;
  let folder: string;
  let artifacts: LocalArtifactStore;

  before(async () => {
    fake = await startFakeComfyWrapper({ apiToken: TOKEN, generationMs: 50 });
  });
  after(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    folder = await mkdtemp(join(tmpdir(), 'looply-wan-'));
    artifacts = new LocalArtifactStore(folder);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  const model = (settings: VastVisualSettings = {}) =>
    new WanVisualModel({ endpointUrl: fake.url, apiToken: TOKEN, pollIntervalMs: 20, ...settings });
  const callOptions = (
    idempotencyKey = 'job-1:visual:0',
    signal = new AbortController().signal,
  ): VisualCallOptionsV1 => ({
    abortSignal: signal,
    idempotencyKey,
    artifacts,
    artifactPrefix: 'jobs/job-1/visual/scene-0',
    scene: sampleVisualScene(),
    style: STYLE_CATALOGUE.modern,
    output: sampleOutput,
    title: sampleScript.title,
  });
  const complete = (provider: WanVisualModel, options = callOptions()) =>
    runLongRunningCall(provider, options, { timeoutMs: 30_000, pollIntervalMs: 20, where: 'wan' });

  it('queues the WAN workflow with the style suffix, WAN negatives and a seed from the idempotency key, then stores the real clip', async () => {
    const { start, result } = await complete(model());
    const [generate] = fake.requestsTo('generate');
    expect(generate.headers.authorization).to.equal(`Bearer ${TOKEN}`);
    const input = (
      generate.body as {
        input: {
          request_id: string;
          workflow_json: Record<string, { class_type: string; inputs: Record<string, unknown> }>;
          webhook?: unknown;
        };
      }
    ).input;
    expect(input.request_id).to.equal(wanRequestId('job-1:visual:0', 1)).and.equal(start.externalId);
    expect(input.webhook, 'no public URL: no webhook').to.equal(undefined);
    const nodes = Object.values(input.workflow_json);
    const texts = nodes.filter((node) => node.class_type === 'CLIPTextEncode').map((node) => String(node.inputs.text));
    expect(texts[0]).to.include(sampleVisualScene().prompt.positive).and.include(STYLE_CATALOGUE.modern.promptSuffix);
    expect(texts[1]).to.include(STYLE_CATALOGUE.modern.negativePrompt).and.include(WAN_DEFAULT_NEGATIVE_PROMPT);
    expect(nodes.find((node) => node.class_type === 'KSampler')?.inputs.seed).to.equal(deriveSeed('job-1:visual:0'));

    const { visual } = result as VisualResultV1;
    expect(visual).to.include({ sceneIndex: 0, kind: 'video', width: 704, height: 1280 });
    expect(visual.durationSec).to.be.closeTo(121 / 24, 1e-9);
    const clip = await artifacts.get(visual.artifact.key);
    expect(clip.subarray(4, 8).toString('latin1'), 'an MP4 (ftyp box)').to.equal('ftyp');
    expect(visual.artifact.key.startsWith('jobs/job-1/visual/scene-0/')).to.equal(true);
    expect((result as VisualResultV1).usage.gpuSeconds).to.be.closeTo(4.24, 1e-9);
  });

  for (const delivery of ['base64', 'view'] as FakeClipDelivery[]) {
    it(`copies a clip delivered as ${delivery} into the artifact store`, async () => {
      const other = await startFakeComfyWrapper({ apiToken: TOKEN, generationMs: 20, delivery });
      try {
        const provider = new WanVisualModel({ endpointUrl: other.url, apiToken: TOKEN, model: 't2v-a14b' });
        const { result } = await complete(provider);
        const clip = await artifacts.get((result as VisualResultV1).visual.artifact.key);
        expect(clip.subarray(4, 8).toString('latin1')).to.equal('ftyp');
        expect((result as VisualResultV1).visual).to.include({ width: 480, height: 832, durationSec: 81 / 16 });
        if (delivery === 'view') expect(other.requestsTo('view')).to.have.length(1);
      } finally {
        await other.close();
      }
    });
  }

  it('returns the request id, the cloud provider and where the clip came from as job metadata, without the presigned query', async () => {
    const provider = model();
    const start = await provider.doStart(callOptions());
    expect(start.metadata).to.deep.equal({ cloudProvider: 'vast', vastJobId: start.externalId, endpointUrl: fake.url });
    const statusOptions = {
      operation: start.operation,
      abortSignal: new AbortController().signal,
      idempotencyKey: 'job-1:visual:0',
      artifacts,
      artifactPrefix: 'jobs/job-1/visual/scene-0',
    };
    let status = await provider.doStatus(statusOptions);
    for (let polls = 0; status.status === 'pending' && polls < 500; polls += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await provider.doStatus(statusOptions);
    }
    expect(status.status).to.equal('completed');
    expect(status.status === 'completed' && status.metadata).to.deep.equal({
      cloudProvider: 'vast',
      vastJobId: start.externalId,
      clipDelivery: 'url',
      clipUrl: `${fake.url}/files/${start.externalId}.mp4`,
    });
  });

  it('never queues twice for the same idempotency key: a restarted doStart finds the generation already paid for', async () => {
    const provider = model();
    const first = await provider.doStart(callOptions());
    const second = await provider.doStart(callOptions());
    expect(second.externalId).to.equal(first.externalId);
    expect(fake.requestsTo('generate')).to.have.length(1);
  });

  it('rejects a wrong token as fatal (401)', async () => {
    const error = await rejectionOf(
      new WanVisualModel({ endpointUrl: fake.url, apiToken: 'wrong' }).doStart(callOptions()),
    );
    expect(error).to.include({ retryable: false, statusCode: 401 });
    expect(error.message).to.include('WAN_API_TOKEN');
  });

  it('reports a full queue (503) as retryable after the Retry-After it sent', async () => {
    fake.rejectNextGenerate({ status: 503, retryAfterSeconds: 5 });
    const error = await rejectionOf(model().doStart(callOptions()));
    expect(error).to.include({ retryable: true, retryAfterMs: 5000, statusCode: 503 });
  });

  it('resubmits a failed generation under the next id, then fails for good with ComfyUI’s error after maxGenerationAttempts', async () => {
    fake.enqueueOutcomes(
      { type: 'fail', message: 'CUDA out of memory' },
      { type: 'fail', message: 'CUDA out of memory (again)' },
    );
    const provider = model({ maxGenerationAttempts: 2 });
    const first = await rejectionOf(complete(provider));
    expect(first.retryable, 'attempt 1 of 2 may be retried').to.equal(true);
    expect(first.message).to.include('CUDA out of memory');
    const second = await rejectionOf(complete(provider));
    expect(second.retryable).to.equal(false);
    expect(second.message).to.include('CUDA out of memory (again)');
    expect(
      fake
        .requestsTo('generate')
        .map((request) => (request.body as { input: { request_id: string } }).input.request_id),
    ).to.deep.equal([wanRequestId('job-1:visual:0', 1), wanRequestId('job-1:visual:0', 2)]);
    const third = await rejectionOf(provider.doStart(callOptions()));
    expect(third).to.include({ retryable: false, code: 'generation-failed' });
    expect(third.message).to.include('failed 2 times').and.include('CUDA out of memory (again)');
    expect(fake.requestsTo('generate'), 'no third paid request').to.have.length(2);
  });

  it('fails a generation that never finishes after generationTimeoutMs and cancels it remotely', async () => {
    fake.enqueueOutcomes({ type: 'hang' });
    const error = await rejectionOf(complete(model({ generationTimeoutMs: 300 })));
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('did not finish within');
    expect(fake.requestsTo('cancel')).to.have.length(1);
  });

  it('cancels the remote request on doCancel', async () => {
    fake.enqueueOutcomes({ type: 'hang' });
    const provider = model();
    const start = await provider.doStart(callOptions());
    await provider.doCancel({ operation: start.operation, abortSignal: new AbortController().signal });
    expect(fake.requestsTo('cancel').map((request) => request.path)).to.deep.equal([`/cancel/${start.externalId}`]);
    const status = await provider.doStatus({
      operation: start.operation,
      abortSignal: new AbortController().signal,
      idempotencyKey: 'job-1:visual:0',
      artifacts,
      artifactPrefix: 'x',
    });
    expect(status).to.include({ status: 'error' });
  });

  describe('webhooks', () => {
    const SECRET = 'whsec-test';
    const withWebhook = () => model({ publicBaseUrl: 'https://looply.example.com/', webhookSecret: SECRET });

    it('asks the wrapper to call PUBLIC_BASE_URL/api/v1/webhooks/vast with the secret', async () => {
      await withWebhook().doStart(callOptions());
      const input = (fake.requestsTo('generate')[0].body as { input: { webhook: { url: string; secret: string } } })
        .input;
      expect(input.webhook).to.deep.equal({ url: 'https://looply.example.com/api/v1/webhooks/vast', secret: SECRET });
    });

    it('accepts a correctly signed delivery and names the generation and its status', async () => {
      const id = wanRequestId('job-1:visual:0', 1);
      const body = Buffer.from(JSON.stringify({ id, status: 'completed', output: [] }));
      const parsed = await withWebhook().parseWebhook({
        headers: { 'x-signature': signWebhookBody(body, SECRET) },
        body,
        query: {},
      });
      expect(parsed).to.deep.equal({ externalId: id, status: 'completed', deliveryId: `${id}:completed` });
      const failed = Buffer.from(JSON.stringify({ id, status: 'failed' }));
      expect(
        await withWebhook().parseWebhook({
          headers: { 'x-signature': `sha256=${signWebhookBody(failed, SECRET)}` },
          body: failed,
          query: {},
        }),
      ).to.include({ status: 'error' });
    });

    it('throws on a missing or wrong signature', async () => {
      const body = Buffer.from(JSON.stringify({ id: wanRequestId('k', 1), status: 'completed' }));
      for (const headers of [{}, { 'x-signature': signWebhookBody(body, 'other-secret') }]) {
        const error = await rejectionOf(withWebhook().parseWebhook({ headers, body, query: {} }));
        expect(error.message).to.include('signature');
      }
    });

    it('answers null for a body that is not one of its generations', async () => {
      const body = Buffer.from(JSON.stringify({ id: 'someone-else', status: 'completed' }));
      expect(await model().parseWebhook({ headers: {}, body, query: {} })).to.equal(null);
      expect(await model().parseWebhook({ headers: {}, body: Buffer.from('not json'), query: {} })).to.equal(null);
    });
  });
});
