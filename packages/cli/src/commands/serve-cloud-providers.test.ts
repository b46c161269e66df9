import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ffprobe from '@ffprobe-installer/ffprobe';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { startFakeShotstack, type FakeShotstack } from '@looply/providers-shotstack/testing';
import { startFakeComfyWrapper, type FakeComfyWrapper } from '@looply/providers-vast/testing';

const CLI_BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));
const run = promisify(execFile);
const SHOTSTACK_KEY = 'shotstack-serve-key';
const WAN_TOKEN = 'wan-serve-token';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The child's environment: no vendor keys or Looply settings inherited from this shell. */
function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(OPENAI|ELEVENLABS|VAST|WAN|SHOTSTACK|JWT|LOOPLY|DATABASE_URL|PORT|PUBLIC_BASE_URL|HOST)/.test(name))
      environment[name] = value;
  }
  return { ...environment, ...overrides };
}

interface ServeProcess {
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

async function startServe(environment: Record<string, string>, port: number): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=looply-source', '--import=tsx', CLI_BIN, 'serve', '--port', String(port), '--concurrency', '2'],
    {
      env: childEnvironment({ HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...environment }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`looply serve did not start within 120 s; output:\n${output}`)),
      120_000,
    );
    const check = () => {
      if (/Looply API listening on/.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', exited);
        resolve();
      }
    };
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`looply serve exited with ${code}; output:\n${output}`));
    };
    child.stdout?.on('data', check);
    child.once('exit', exited);
  });
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

interface Client {
  token: string;
  post(path: string, body: unknown): Promise<Response>;
  get(path: string): Promise<Response>;
}

async function registerAndLogin(baseUrl: string): Promise<Client> {
  const send = (path: string, init: RequestInit, token?: string) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
  const credentials = { email: 'cloud@example.com', password: 'cloud providers password' };
  expect((await send('/api/v1/auth/register', { method: 'POST', body: JSON.stringify(credentials) })).status).to.equal(
    201,
  );
  const login = await send('/api/v1/auth/login', { method: 'POST', body: JSON.stringify(credentials) });
  expect(login.status).to.equal(200);
  const { token } = (await login.json()) as { token: string };
  return {
    token,
    post: (path, body) => send(path, { method: 'POST', body: JSON.stringify(body) }, token),
    get: (path) => send(path, { method: 'GET' }, token),
  };
}

/** Follows `/events` until the stream ends and returns the last event (`job-end` when the job ended). */
async function followToEnd(
  baseUrl: string,
  client: Client,
  jobId: string,
): Promise<{ event: string; data: { status?: string } }> {
  const response = await fetch(`${baseUrl}/api/v1/videos/${jobId}/events`, {
    headers: { authorization: `Bearer ${client.token}`, accept: 'text/event-stream' },
    signal: AbortSignal.timeout(400_000),
  });
  expect(response.status).to.equal(200);
  let buffer = '';
  let last = { event: 'none', data: {} as { status?: string } };
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      if (data) last = { event, data: JSON.parse(data) as { status?: string } };
    }
  }
  return last;
}

interface StoredStep {
  step: string;
  scene_index: number | null;
  status: string;
  external_id: string | null;
}

/** The job's metadata and step runs, read from the database (the REST API does not show them). */
async function storedJob(
  databaseUrl: string,
  jobId: string,
): Promise<{ metadata: { steps?: Record<string, Record<string, unknown>> }; steps: StoredStep[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const job = await client.query<{ metadata: { steps?: Record<string, Record<string, unknown>> } }>(
      'select metadata from looply.video_job where id = $1',
      [jobId],
    );
    const steps = await client.query<StoredStep>(
      'select step, scene_index, status, external_id from looply.step_run where job_id = $1 order by step, scene_index',
      [jobId],
    );
    return { metadata: job.rows[0].metadata, steps: steps.rows };
  } finally {
    await client.end();
  }
}

async function downloadAndProbe(
  client: Client,
  jobId: string,
  directory: string,
): Promise<{ duration: number; width?: number; height?: number; audio: boolean }> {
  const file = await client.get(`/api/v1/videos/${jobId}/file`);
  expect(file.status).to.equal(200);
  expect(file.headers.get('content-type')).to.match(/^video\/mp4/);
  const path = join(directory, `${jobId}.mp4`);
  await writeFile(path, Buffer.from(await file.arrayBuffer()));
  const probe = await run(ffprobe.path, [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type,width,height',
    '-of',
    'json',
    path,
  ]);
  const info = JSON.parse(probe.stdout) as {
    format: { duration: string };
    streams: Array<{ codec_type: string; width?: number; height?: number }>;
  };
  const video = info.streams.find((stream) => stream.codec_type === 'video');
  return {
    duration: Number(info.format.duration),
    width: video?.width,
    height: video?.height,
    audio: info.streams.some((stream) => stream.codec_type === 'audio'),
  };
}

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
    const port = await freePort();
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
    const port = await freePort();
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
    const port = await freePort();
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
