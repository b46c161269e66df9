import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  LocalArtifactStore,
  ProviderError,
  startSignedArtifactServer,
  type AssemblyCallOptionsV1,
  type AssemblyResultV1,
  type SignedArtifactServer,
  type Timeline,
} from '@looply/core';
import { createSampleTimeline, runLongRunningCall } from '@looply/core/testing';
import { expect } from 'chai';
import { ShotstackAssemblyModel } from './shotstack-assembly-model.js';
import type { ShotstackEdit } from './shotstack-edit.js';
import type { ShotstackSettings } from './shotstack-settings.js';
import { startFakeShotstack, type FakeShotstack } from './testing/index.js';

const API_KEY = 'shotstack-test-key';
const SECRET = 'artifact-url-secret-for-tests-0123456789';

async function rejectionOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(ProviderError.isInstance(error), `expected a ProviderError, got ${String(error)}`).to.equal(true);
  return error as ProviderError;
}

describe('ShotstackAssemblyModel against a fake Shotstack that fetches the assets', function () {
  this.timeout(120_000);
  let fake: FakeShotstack;
  let folder: string;
  let artifacts: LocalArtifactStore;
  let assets: SignedArtifactServer;
  let timeline: Timeline;

  before(async () => {
    fake = await startFakeShotstack({ apiKey: API_KEY });
    folder = await mkdtemp(join(tmpdir(), 'looply-shotstack-'));
    artifacts = new LocalArtifactStore(folder);
    assets = await startSignedArtifactServer({ store: artifacts, secret: SECRET });
    timeline = await createSampleTimeline(artifacts, 'inputs');
  });
  after(async () => {
    await assets.close();
    await fake.close();
    await rm(folder, { recursive: true, force: true });
  });
  beforeEach(() => fake.reset());

  const model = (settings: ShotstackSettings = {}) =>
    new ShotstackAssemblyModel({
      apiKey: API_KEY,
      baseUrl: fake.url,
      artifactUrls: assets.signer,
      minRequestIntervalMs: 120,
      pollIntervalMs: 20,
      ...settings,
    });
  const callOptions = (prefix = 'jobs/1/assembly'): AssemblyCallOptionsV1 => ({
    abortSignal: new AbortController().signal,
    idempotencyKey: `${prefix}:key`,
    artifacts,
    artifactPrefix: prefix,
    timeline,
  });

  it('renders through the stage endpoint: every asset is fetched by signed URL, the render is copied into the store', async () => {
    const { start, result } = await runLongRunningCall(model(), callOptions(), {
      timeoutMs: 90_000,
      pollIntervalMs: 20,
      where: 'shotstack',
    });
    const post = fake.requests.find((request) => request.method === 'POST')!;
    expect(post.path).to.equal('/edit/stage/render');
    expect(post.headers['x-api-key']).to.equal(API_KEY);
    const edit = post.body as ShotstackEdit;
    expect(edit.output).to.deep.equal({
      format: 'mp4',
      size: { width: timeline.output.width, height: timeline.output.height },
      fps: 30,
    });
    expect(edit.callback, 'no public URL: no callback').to.equal(undefined);
    const types = edit.timeline.tracks.flatMap((track) => track.clips.map((clip) => clip.asset.type));
    expect(types).to.include.members(['caption', 'image', 'audio']);
    expect(fake.fetches.length).to.be.greaterThan(0);
    expect(fake.fetches.every((fetched) => fetched.status === 200 && fetched.url.includes('signature='))).to.equal(
      true,
    );
    const assembly = result as AssemblyResultV1;
    expect(start.externalId).to.be.a('string');
    expect(assembly).to.include({ width: timeline.output.width, height: timeline.output.height });
    expect(assembly.durationSec).to.be.closeTo(timeline.durationSec, 0.5);
    const video = await artifacts.get(assembly.video.key);
    expect(video.subarray(4, 8).toString('latin1')).to.equal('ftyp');
    expect(assembly.usage.renderSeconds).to.be.greaterThan(0);
  });

  it('fails with Shotstack’s error text when an asset URL is refused (unsigned URLs are not served)', async () => {
    const forged = {
      ...assets.signer,
      url: (key: string) => assets.signer.url(key).replace(/signature=[0-9a-f]+/, 'signature=forged'),
    };
    const error = await rejectionOf(
      runLongRunningCall(model({ artifactUrls: forged }), callOptions('jobs/2/assembly'), {
        timeoutMs: 60_000,
        pollIntervalMs: 20,
        where: 'shotstack',
      }),
    );
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('Failed to fetch asset').and.include('HTTP 403');
  });

  it('reports a failed render with Shotstack’s error text, not retryable', async () => {
    fake.failNextRender('Invalid font family "Nope"');
    const error = await rejectionOf(
      runLongRunningCall(model(), callOptions('jobs/3/assembly'), {
        timeoutMs: 60_000,
        pollIntervalMs: 20,
        where: 'shotstack',
      }),
    );
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('Invalid font family "Nope"');
  });

  it('treats a refused key as fatal and names the stage', async () => {
    const error = await rejectionOf(model({ apiKey: 'wrong' }).doStart(callOptions('jobs/4/assembly')));
    expect(error).to.include({ retryable: false, statusCode: 403 });
    expect(error.message).to.include('SHOTSTACK_API_KEY').and.include('"stage"');
  });

  it('maps the gateway’s 429 to a retryable error when the client is allowed to go faster than the plan', async () => {
    fake.limitRequestInterval(1000);
    const hasty = model({ minRequestIntervalMs: 0 });
    const start = await hasty.doStart(callOptions('jobs/5/assembly'));
    const error = await rejectionOf(
      hasty.doStatus({
        operation: start.operation,
        abortSignal: new AbortController().signal,
        idempotencyKey: 'k',
        artifacts,
        artifactPrefix: 'jobs/5/assembly',
      }),
    );
    expect(error).to.include({ retryable: true, statusCode: 429, retryAfterMs: 1000 });
    await fake.settled(start.externalId);
  });

  it('refuses to start without signed artifact URLs, explaining PUBLIC_BASE_URL', async () => {
    const error = await rejectionOf(
      new ShotstackAssemblyModel({ apiKey: API_KEY, baseUrl: fake.url }).doStart(callOptions('jobs/6/assembly')),
    );
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('PUBLIC_BASE_URL');
  });

  describe('callbacks', () => {
    const withCallback = () =>
      model({
        publicBaseUrl: 'https://looply.example.com',
        callbackSecret: 'callback-secret-for-tests-0123456789abcdef',
      });

    it('puts an unguessable token in the callback URL and accepts only that token', async () => {
      const provider = withCallback();
      const start = await provider.doStart(callOptions('jobs/7/assembly'));
      const callback = new URL(
        (fake.requests.find((request) => request.method === 'POST')!.body as ShotstackEdit).callback!,
      );
      expect(callback.origin + callback.pathname).to.equal('https://looply.example.com/api/v1/webhooks/shotstack');
      const query = Object.fromEntries(callback.searchParams);
      expect(query.token).to.match(/^[0-9a-f]{64}$/);
      const body = Buffer.from(
        JSON.stringify({
          type: 'edit',
          action: 'render',
          id: start.externalId,
          status: 'done',
          url: 'https://cdn.example/x.mp4',
          error: null,
        }),
      );
      expect(await provider.parseWebhook({ headers: {}, body, query })).to.deep.equal({
        externalId: start.externalId,
        status: 'completed',
        deliveryId: `${start.externalId}:done`,
      });
      for (const bad of [{}, { ...query, token: '0'.repeat(64) }]) {
        const error = await rejectionOf(provider.parseWebhook({ headers: {}, body, query: bad }));
        expect(error.message).to.include('token');
      }
      const serve = Buffer.from(
        JSON.stringify({ type: 'serve', action: 'copy', id: 'asset-1', render: start.externalId, status: 'ready' }),
      );
      expect(await provider.parseWebhook({ headers: {}, body: serve, query })).to.equal(null);
      await fake.settled(start.externalId);
    });
  });
});
