import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { isTerminalJobStatus } from '@looply/core';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { startS3rver, type RunningS3rver } from '@looply/storage-s3/testing';
import { startBackgroundCli, type BackgroundCliProcess } from '../__fixtures__/background-cli-process.js';

const MOCK_SERVER_PROCESS = fileURLToPath(new URL('./__fixtures__/mock-server-process.ts', import.meta.url));

interface StepRow {
  id: string;
  job_id: string;
  step: string;
  scene_index: number | null;
  status: string;
  attempt: number;
  worker_id: string | null;
}

interface VideoBody {
  id: string;
  status: string;
  steps: Array<{ step: string; workerId: string | null }>;
}

function keyOf(step: StepRow): string {
  return step.scene_index === null ? `${step.job_id}:${step.step}` : `${step.job_id}:${step.step}:${step.scene_index}`;
}

/**
 * The scale-out deployment on real processes: one Postgres, one S3-protocol server, `serve` without
 * workers and two workers whose LOOPLY_HOME folders differ (no shared disk), with mock providers
 * that wait like remote APIs.
 */
describe('scale-out: `serve --no-worker` and two workers sharing only Postgres and a bucket', function () {
  this.timeout(600_000);
  let database: TestDatabase;
  let s3: RunningS3rver;
  let callsFolder: string;
  const folders: string[] = [];
  const processes: BackgroundCliProcess[] = [];
  let baseUrl: string;
  let token: string;

  const start = async (args: string[], delayMs: number): Promise<BackgroundCliProcess> => {
    const home = await mkdtemp(join(tmpdir(), 'looply-scale-out-home-'));
    folders.push(home);
    const started = startBackgroundCli(
      args,
      {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LOOPLY_HOME: home,
        DATABASE_URL: database.url,
        LOOPLY_ARTIFACTS: 's3://looply/scale-out',
        AWS_ENDPOINT_URL: s3.endpoint,
        AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NODE_ENV: 'production',
        JWT_SECRET: 'a-test-jwt-secret-that-is-long-enough-000',
        LOOPLY_ARTIFACT_URL_SECRET: 'a-test-artifact-secret-long-enough-00000',
        LOG_LEVEL: 'warn',
        MOCK_STEP_DELAY_MS: String(delayMs),
        CALLS_FOLDER: callsFolder,
        LEASE_MS: '3000',
        LOOPLY_QUOTA_CONCURRENT_JOBS: '100',
        LOOPLY_QUOTA_VIDEOS_PER_DAY: '1000',
        LOOPLY_QUOTA_SECONDS_PER_DAY: '100000',
        LOOPLY_RATE_LIMIT_PER_MINUTE: '100000',
      },
      home,
      MOCK_SERVER_PROCESS,
    );
    processes.push(started);
    return started;
  };

  const api = async (path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> =>
    fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });

  const steps = async (): Promise<StepRow[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (
        await client.query<StepRow>(
          'select id, job_id, step, scene_index, status, attempt, worker_id from looply.step_run',
        )
      ).rows;
    } finally {
      await client.end();
    }
  };

  const calls = async (): Promise<Map<string, number>> => {
    const counts = new Map<string, number>();
    for (const name of (await readdir(callsFolder)).filter((each) => each.endsWith('.json'))) {
      const { idempotencyKey } = JSON.parse(await readFile(join(callsFolder, name), 'utf8')) as {
        idempotencyKey: string;
      };
      counts.set(idempotencyKey, (counts.get(idempotencyKey) ?? 0) + 1);
    }
    return counts;
  };

  const submit = async (count: number): Promise<string[]> =>
    Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const response = await api('/api/v1/videos', {
          method: 'POST',
          body: { topic: `scale-out ${index}`, durationSec: 12 },
        });
        expect(response.status).to.equal(202);
        return ((await response.json()) as VideoBody).id;
      }),
    );

  const waitForCompletion = async (ids: string[], timeoutMs = 240_000): Promise<VideoBody[]> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const videos = await Promise.all(
        ids.map(async (id) => (await (await api(`/api/v1/videos/${id}`)).json()) as VideoBody),
      );
      if (videos.every((video) => isTerminalJobStatus(video.status))) return videos;
      if (Date.now() > deadline)
        throw new Error(`videos not finished: ${videos.map((video) => video.status).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  before(async () => {
    database = await createTestDatabase();
    s3 = await startS3rver({ buckets: ['looply'] });
    callsFolder = await mkdtemp(join(tmpdir(), 'looply-scale-out-calls-'));
    folders.push(callsFolder);
  });
  after(async () => {
    await Promise.all(processes.map((each) => each.stop()));
    await s3?.stop();
    await database?.drop();
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  let workers: BackgroundCliProcess[];

  it('completes videos submitted over REST with steps spread over both workers, and serves their files from the bucket', async () => {
    const [serve, ...started] = await Promise.all([
      start(['serve'], 0),
      start(['worker', '2'], 250),
      start(['worker', '2'], 250),
    ]);
    workers = started;
    await Promise.all([
      serve.waitForOutput('Looply API listening'),
      ...workers.map((worker) => worker.waitForOutput('Looply worker running')),
    ]);
    baseUrl = /Looply API listening on (http:\/\/\S+?:\d+)/.exec(serve.stdout)![1].replace('0.0.0.0', '127.0.0.1');
    const credentials = { email: 'scale-out@example.com', password: 'a-long-enough-password' };
    expect((await api('/api/v1/auth/register', { method: 'POST', body: credentials })).status).to.equal(201);
    token = (
      (await (await api('/api/v1/auth/login', { method: 'POST', body: credentials })).json()) as { token: string }
    ).token;

    const ids = await submit(6);
    const videos = await waitForCompletion(ids);
    expect(videos.map((video) => video.status)).to.deep.equal(ids.map(() => 'COMPLETED'));
    const workerIds = new Set(videos.flatMap((video) => video.steps.map((step) => step.workerId)));
    const expected = workers.map((worker) => `:${worker.child.pid}`);
    expect([...workerIds].map((id) => id?.slice(id.lastIndexOf(':'))).sort()).to.deep.equal([...expected].sort());

    for (const id of ids) {
      const file = await api(`/api/v1/videos/${id}/file`);
      expect(file.status, 'followed the 302 to the bucket').to.equal(200);
      expect(file.url.startsWith(s3.endpoint)).to.equal(true);
      expect((await file.arrayBuffer()).byteLength).to.be.greaterThan(0);
    }
  });

  it('after `kill -9` of one worker mid-step, the other finishes every job and runs no completed step again', async () => {
    const [victim, survivor] = workers;
    const victimId = `:${victim.child.pid}`;
    const ids = await submit(4);
    // Wait until the victim is running a step while others already completed.
    let snapshot: StepRow[] = [];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      snapshot = (await steps()).filter((step) => ids.includes(step.job_id));
      const victimRunning = snapshot.some((step) => step.status === 'RUNNING' && step.worker_id?.endsWith(victimId));
      if (victimRunning && snapshot.some((step) => step.status === 'COMPLETED')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    victim.child.kill('SIGKILL');
    const interrupted = snapshot.filter((step) => step.status === 'RUNNING' && step.worker_id?.endsWith(victimId));
    const completedBefore = snapshot.filter((step) => step.status === 'COMPLETED');
    expect(interrupted.length, 'a step of the victim was running at the kill').to.be.greaterThan(0);

    const videos = await waitForCompletion(ids);
    expect(videos.map((video) => video.status)).to.deep.equal(ids.map(() => 'COMPLETED'));
    const after = new Map((await steps()).map((step) => [step.id, step]));
    const callCounts = await calls();
    for (const step of completedBefore) {
      expect(after.get(step.id)!.attempt, `${keyOf(step)} attempts`).to.equal(step.attempt);
      expect(callCounts.get(keyOf(step)), `${keyOf(step)} provider calls`).to.equal(1);
    }
    // What the victim left half-done was taken over: the survivor (or the victim's last commit) finished it.
    for (const step of interrupted) expect(after.get(step.id)!.status).to.equal('COMPLETED');
    expect(
      [...after.values()].filter(
        (step) => ids.includes(step.job_id) && step.worker_id?.endsWith(`:${survivor.child.pid}`),
      ).length,
    ).to.be.greaterThan(0);
  });
});
