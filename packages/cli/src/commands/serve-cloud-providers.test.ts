import { expect } from 'chai';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { startFakeShotstack, type FakeShotstack } from '@looply/providers-shotstack/testing';
import { startFakeComfyWrapper, type FakeComfyWrapper } from '@looply/providers-vast/testing';
import { findFreePort } from '../__fixtures__/find-free-port.js';
import { startServe, type ServeProcess } from '../__fixtures__/serve-process.js';
import { downloadAndProbe, followToEnd, registerAndLogin, storedJob } from '../__fixtures__/video-api-client.js';

const SHOTSTACK_KEY = 'shotstack-serve-key';
const WAN_TOKEN = 'wan-serve-token';

describe('looply serve with Vast (WAN) visuals and Shotstack assembly, against local fakes (real process)', function () {
  this.timeout(900_000);
  let database: TestDatabase;
  let home: string;
  let wrapper: FakeComfyWrapper;
  let shotstack: FakeShotstack;
  let serve: ServeProcess | undefined;

  before(async () => {
    wrapper = await startFakeComfyWrapper({ apiToken: WAN_TOKEN, generationMs: 50 });
    shotstack = await startFakeShotstack({ apiKey: SHOTSTACK_KEY });
  });
  after(async () => {
    await wrapper?.close();
    await shotstack?.close();
  });
  beforeEach(async () => {
    wrapper.reset();
    shotstack.reset();
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-serve-cloud-'));
    // Run as root, the embedded Postgres drops to the "postgres" user, which must reach LOOPLY_HOME.
    await chmod(home, 0o755);
  });
  afterEach(async () => {
    if (serve && serve.child.exitCode === null) serve.child.kill('SIGKILL');
    serve = undefined;
    await database?.drop();
    await rm(home, { recursive: true, force: true });
  });

  const providerEnvironment = () => ({
    LOOPLY_HOME: home,
    DATABASE_URL: database.url,
    WAN_ENDPOINT_URL: wrapper.url,
    WAN_API_TOKEN: WAN_TOKEN,
    SHOTSTACK_API_KEY: SHOTSTACK_KEY,
    SHOTSTACK_BASE_URL: shotstack.url,
  });

  /** Creates a 5 s video through the REST API, follows it to its end, checks the MP4 is Shotstack's render of WAN clips. */
  async function makeVideo(baseUrl: string, artifactBaseUrl = baseUrl): Promise<{ jobId: string; scenes: number }> {
    const client = await registerAndLogin(baseUrl);
    const created = await client.post('/api/v1/videos', {
      topic: 'how solar panels turn light into power',
      durationSec: 5,
      tone: 'enthusiastic',
      aspectRatio: '9:16',
    });
    expect(created.status, await created.clone().text()).to.equal(202);
    const { id } = (await created.json()) as { id: string };
    const end = await followToEnd(baseUrl, client, id);
    expect(end.event, serve?.output()).to.equal('job-end');
    expect(end.data.status, `${JSON.stringify(end.data)}\n${serve?.output()}`).to.equal('COMPLETED');

    const job = (await (await client.get(`/api/v1/videos/${id}`)).json()) as { providers?: Record<string, string> };
    if (job.providers) expect(job.providers).to.include({ visual: 'vast', assembly: 'shotstack' });
    const scenes = wrapper.requestsTo('generate').length;
    expect(scenes, 'WAN generated the clips').to.be.greaterThan(0);
    // Each scene's remote request is on its step run and in the job's metadata, with where the clip came from.
    const stored = await storedJob(database.url, id);
    const visuals = stored.steps.filter((step) => step.step === 'visual');
    expect(visuals).to.have.length(scenes);
    const requestIds = wrapper
      .requestsTo('generate')
      .map((request) => (request.body as { input: { request_id: string } }).input.request_id);
    expect(visuals.map((step) => step.external_id)).to.have.members(requestIds);
    for (const step of visuals) {
      expect(stored.metadata.steps?.[`visual:${step.scene_index}`]).to.deep.equal({
        cloudProvider: 'vast',
        vastJobId: step.external_id,
        endpointUrl: wrapper.url,
        clipDelivery: 'url',
        clipUrl: `${wrapper.url}/files/${step.external_id}.mp4`,
      });
    }
    const renders = shotstack.requests.filter((request) => request.method === 'POST');
    expect(
      renders.map((request) => request.path),
      'one Shotstack render',
    ).to.deep.equal(['/edit/stage/render']);
    // Shotstack fetched every asset from the server's own signed artifact route.
    expect(shotstack.fetches.length).to.be.greaterThan(2);
    for (const fetched of shotstack.fetches) {
      expect(fetched.url.startsWith(`${artifactBaseUrl}/api/v1/artifacts/`), fetched.url).to.equal(true);
      expect(fetched.status, fetched.url).to.equal(200);
    }
    const probe = await downloadAndProbe(client, id, home);
    expect(probe).to.include({ width: 1080, height: 1920, audio: true });
    expect(probe.duration).to.be.within(4, 7.5);
    return { jobId: id, scenes };
  }

  it('completes a video through webhooks: the WAN wrapper and Shotstack call back to PUBLIC_BASE_URL', async () => {
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    serve = await startServe(
      { ...providerEnvironment(), PUBLIC_BASE_URL: baseUrl, WAN_WEBHOOK_SECRET: 'w'.repeat(40) },
      port,
    );
    await makeVideo(baseUrl);

    for (const generate of wrapper.requestsTo('generate')) {
      const webhook = (generate.body as { input: { webhook?: { url: string } } }).input.webhook;
      expect(webhook?.url).to.equal(`${baseUrl}/api/v1/webhooks/vast`);
    }
    expect(shotstack.callbacks.length, 'Shotstack called back').to.be.greaterThan(0);
    for (const callback of shotstack.callbacks) {
      expect(callback.url.startsWith(`${baseUrl}/api/v1/webhooks/shotstack?`), callback.url).to.equal(true);
      expect(callback.status).to.equal(200);
    }
    expect(await serve.stop(), serve.output()).to.equal(0);
  });

  it('completes a video through polling when no PUBLIC_BASE_URL is set (no callbacks asked for)', async () => {
    const port = await findFreePort();
    serve = await startServe(providerEnvironment(), port);
    // Without PUBLIC_BASE_URL the server's own URL is http://localhost:<port>: Shotstack fetches from it.
    await makeVideo(`http://127.0.0.1:${port}`, `http://localhost:${port}`);

    for (const generate of wrapper.requestsTo('generate')) {
      expect((generate.body as { input: { webhook?: unknown } }).input.webhook).to.equal(undefined);
    }
    expect(wrapper.requestsTo('result').length, 'polled GET /result').to.be.greaterThan(0);
    expect(shotstack.callbacks).to.deep.equal([]);
    expect(
      shotstack.requests.some((request) => request.method === 'GET' && request.path.startsWith('/edit/stage/render/')),
      'polled the render',
    ).to.equal(true);
    expect(await serve.stop(), serve.output()).to.equal(0);
  });

  it('resumes after the server is killed while the visuals are WAITING: the job completes with exactly one remote request per scene', async () => {
    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const environment = { ...providerEnvironment(), PUBLIC_BASE_URL: baseUrl, WAN_WEBHOOK_SECRET: 'w'.repeat(40) };
    wrapper.hold();
    serve = await startServe(environment, port);
    const client = await registerAndLogin(baseUrl);
    const created = await client.post('/api/v1/videos', {
      topic: 'how solar panels turn light into power',
      durationSec: 5,
      tone: 'enthusiastic',
    });
    expect(created.status, await created.clone().text()).to.equal(202);
    const { id } = (await created.json()) as { id: string };

    // Wait until every scene's generation is queued remotely and its step is WAITING.
    const deadline = Date.now() + 300_000;
    for (;;) {
      const visuals = (await storedJob(database.url, id)).steps.filter((step) => step.step === 'visual');
      if (visuals.length > 0 && visuals.every((step) => step.status === 'WAITING')) break;
      if (Date.now() > deadline)
        throw new Error(`the visuals never all waited: ${JSON.stringify(visuals)}\n${serve.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const scenes = wrapper.requestsTo('generate').length;
    expect(scenes).to.be.greaterThan(0);

    const killed = new Promise<NodeJS.Signals | null>((resolve) =>
      serve!.child.once('exit', (_code, signal) => resolve(signal)),
    );
    serve.child.kill('SIGKILL');
    expect(await killed).to.equal('SIGKILL');

    serve = await startServe(environment, port);
    wrapper.release();
    const end = await followToEnd(baseUrl, client, id);
    expect(end.event, serve.output()).to.equal('job-end');
    expect(end.data.status, `${JSON.stringify(end.data)}\n${serve.output()}`).to.equal('COMPLETED');
    const requestIds = wrapper
      .requestsTo('generate')
      .map((request) => (request.body as { input: { request_id: string } }).input.request_id);
    expect(requestIds, 'one remote request per scene, none repeated after the restart').to.have.length(scenes);
    expect(new Set(requestIds).size).to.equal(scenes);
    const probe = await downloadAndProbe(client, id, home);
    expect(probe).to.include({ width: 1080, height: 1920, audio: true });
    expect(await serve.stop(), serve.output()).to.equal(0);
  });
});
