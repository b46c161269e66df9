import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ffprobe from '@ffprobe-installer/ffprobe';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { readEventStream, type ServerSentEvent } from '../__fixtures__/read-event-stream.js';
import { videoResponseSchema } from '../videos/video-schemas.js';

const CLI_BIN = fileURLToPath(new URL('../../../cli/src/bin.ts', import.meta.url));
const run = promisify(execFile);

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

/** The environment of the child: offline local providers, no vendor keys inherited from this shell. */
function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(OPENAI|ELEVENLABS|VAST|WAN|SHOTSTACK|JWT|LOOPLY|DATABASE_URL|PORT|PUBLIC_BASE_URL)/.test(name))
      environment[name] = value;
  }
  return { ...environment, ...overrides };
}

async function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; output so far:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (pattern.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`looply serve exited with ${code} before ${pattern}; output:\n${output}`));
    });
  });
}

describe('looply serve, end to end in a real process', function () {
  this.timeout(600_000);
  let database: TestDatabase;
  let home: string;
  let child: ChildProcess | undefined;
  let stderr = '';

  before(async () => {
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-serve-e2e-'));
  });
  after(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
    await rm(home, { recursive: true, force: true });
  });

  it('register, login, create a 10 s video, follow /events to job-end, download an MP4 that ffprobe accepts, stop on SIGTERM', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(
      process.execPath,
      ['--conditions=looply-source', '--import=tsx', CLI_BIN, 'serve', '--port', String(port), '--concurrency', '2'],
      {
        env: childEnvironment({
          LOOPLY_HOME: home,
          DATABASE_URL: database.url,
          HOST: '127.0.0.1',
          PUBLIC_BASE_URL: baseUrl,
          LOG_LEVEL: 'warn',
          LOOPLY_SCRIPT_PROVIDER: 'local',
          LOOPLY_VOICE_PROVIDER: 'local',
          LOOPLY_VISUAL_PROVIDER: 'local',
          LOOPLY_ASSEMBLY_PROVIDER: 'local',
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await waitForOutput(child, /Looply API listening on/, 120_000);

    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const credentials = { email: 'e2e@example.com', password: 'end to end password' };
    expect((await post('/api/v1/auth/register', credentials)).status).to.equal(201);
    const login = await post('/api/v1/auth/login', credentials);
    expect(login.status).to.equal(200);
    const { token } = (await login.json()) as { token: string };

    const created = await post(
      '/api/v1/videos',
      { topic: 'how solar panels turn light into power', durationSec: 10, tone: 'enthusiastic' },
      token,
    );
    expect(created.status, await created.clone().text()).to.equal(202);
    const job = (await created.json()) as { id: string };

    const seen: ServerSentEvent[] = [];
    const { events } = await readEventStream(`${baseUrl}/api/v1/videos/${job.id}/events`, token, {
      timeoutMs: 540_000,
      onEvent: (event) => seen.push(event),
    });
    expect(events[0].event).to.equal('state');
    const end = events.at(-1)!;
    expect(end.event, `stderr:\n${stderr}`).to.equal('job-end');
    expect((end.data as { status: string; error?: unknown }).status, JSON.stringify(end.data)).to.equal('COMPLETED');
    expect(events.some((event) => event.event === 'progress')).to.equal(true);

    const video = await fetch(`${baseUrl}/api/v1/videos/${job.id}`, { headers: { authorization: `Bearer ${token}` } });
    // The body is what the OpenAPI document declares (one zod schema for both).
    const body = videoResponseSchema.parse(await video.json());
    const { videoUrl } = body as { videoUrl: string };
    expect(videoUrl).to.equal(`${baseUrl}/api/v1/videos/${job.id}/file`);
    // The worker checked the video right after assembly, against the timeline it rendered.
    const { quality } = body;
    expect(quality?.status, JSON.stringify(quality)).to.equal('measured');
    const report = quality?.status === 'measured' ? quality.report : undefined;
    expect(report).to.include({ file: `jobs/${job.id}/assembly/video.mp4`, timelineUsed: true });
    expect(report?.failed, JSON.stringify(report?.standards)).to.deep.equal([]);
    expect(report?.passed).to.equal(true);
    const ids = report?.standards.map((standard) => standard.id) ?? [];
    expect(ids).to.include.members([
      'loudness.integrated',
      'captions.appear',
      'picture.black',
      'container.video-codec',
    ]);
    const loudness = report?.standards.find((standard) => standard.id === 'loudness.integrated');
    expect(loudness?.measured).to.match(/^-1[345]\.\d LUFS$/);
    const file = await fetch(videoUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(file.status).to.equal(200);
    expect(file.headers.get('content-type')).to.match(/^video\/mp4/);
    const path = join(home, 'downloaded.mp4');
    await writeFile(path, Buffer.from(await file.arrayBuffer()));

    const probe = await run(ffprobe.path, [
      '-v',
      'error',
      '-show_entries',
      'format=duration,format_name:stream=codec_type,codec_name,width,height',
      '-of',
      'json',
      path,
    ]);
    const info = JSON.parse(probe.stdout) as {
      format: { duration: string; format_name: string };
      streams: Array<{ codec_type: string; width?: number; height?: number }>;
    };
    expect(info.format.format_name).to.contain('mp4');
    expect(Number(info.format.duration)).to.be.within(8, 12.5);
    const videoStream = info.streams.find((stream) => stream.codec_type === 'video');
    expect(videoStream).to.include({ width: 1080, height: 1920 });
    expect(info.streams.some((stream) => stream.codec_type === 'audio')).to.equal(true);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
    ]);
    expect(code, `stderr:\n${stderr}`).to.equal(0);
  });
});
