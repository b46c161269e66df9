import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JobEvent } from '../events/job-event.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  createArtifactsRoot,
  SAMPLE_BRIEF,
  startTestEngine,
  uniqueSchema,
  waitFor,
  waitForJobEnd,
  type TestEngine,
} from '../engine/__fixtures__/engine-harness.js';
import { readCalls } from './__fixtures__/call-log.js';
import { createRecordingProviders } from './__fixtures__/recording-providers.js';

const WORKER_SCRIPT = fileURLToPath(new URL('./__fixtures__/worker-process.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

/** Spawns a worker engine in a real child process and waits until it runs. */
async function spawnWorker(environment: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--conditions=looply-source', '--import', 'tsx', WORKER_SCRIPT], {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the worker process did not start within 60 s: ${errors}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker process exited (${code}) before it was ready: ${errors}`));
    });
  });
  return { child, exited };
}

describe('a worker process killed in the middle of a step', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  const engines: TestEngine[] = [];
  const workers: WorkerProcess[] = [];
  const folders: string[] = [];

  before(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  after(async () => {
    await database.drop();
  });

  async function folder(): Promise<string> {
    const created = await mkdtemp(join(tmpdir(), 'looply-kill-test-'));
    folders.push(created);
    return created;
  }

  it('is SIGKILLed during the voice step; another worker finishes the job once, no completed step runs twice', async () => {
    const schema = uniqueSchema('kill');
    const artifactsRoot = await createArtifactsRoot();
    folders.push(artifactsRoot);
    const calls = await folder();
    const api = await startTestEngine(database.url, { schema, artifactsRoot, workers: false });
    engines.push(api);
    const worker = await spawnWorker({
      DATABASE_URL: database.url,
      LOOPLY_SCHEMA: schema,
      ARTIFACTS_ROOT: artifactsRoot,
      CALLS_FOLDER: calls,
      BLOCK_STEP: 'voice',
      LEASE_MS: '1500',
    });
    workers.push(worker);

    const { id: jobId } = await api.engine.submit(SAMPLE_BRIEF);
    await waitFor('the child to be inside the voice call', async () => {
      const job = await api.engine.get(jobId);
      const voiceRunning = job?.steps.some((step) => step.step === 'voice' && step.status === 'RUNNING');
      return voiceRunning && readCalls(calls).some((call) => call.step === 'voice') ? true : undefined;
    });
    worker.child.kill('SIGKILL');
    expect(await worker.exited).to.equal('SIGKILL');

    const survivor = await startTestEngine(database.url, {
      schema,
      artifactsRoot,
      providers: createRecordingProviders(calls),
    });
    engines.push(survivor);
    const job = await waitForJobEnd(survivor.engine, jobId, 30_000);

    expect(job.status).to.equal('COMPLETED');
    const recorded = readCalls(calls);
    const count = (step: string, key: string) =>
      recorded.filter((call) => call.step === step && call.idempotencyKey === key).length;
    expect(count('script', `${jobId}:script`)).to.equal(1);
    // The interrupted voice call is the only one repeated, with the same idempotency key.
    expect(count('voice', `${jobId}:voice`)).to.equal(2);
    expect(recorded.filter((call) => call.step === 'voice').map((call) => call.pid)).to.have.members([
      worker.child.pid,
      process.pid,
    ]);
    for (const scene of [0, 1, 2]) expect(count('visual', `${jobId}:visual:${scene}`)).to.equal(1);
    expect(count('assembly', `${jobId}:assembly`)).to.equal(1);
    expect(recorded).to.have.length(7);
    expect(job.steps.map((step) => [step.step, step.status, step.attempt])).to.deep.equal([
      ['script', 'COMPLETED', 1],
      ['voice', 'COMPLETED', 2],
      ['visual', 'COMPLETED', 1],
      ['visual', 'COMPLETED', 1],
      ['visual', 'COMPLETED', 1],
      ['assembly', 'COMPLETED', 1],
    ]);
  });

  it('streams the events of a job run by another process to subscribe() (NOTIFY)', async () => {
    const schema = uniqueSchema('events');
    const artifactsRoot = await createArtifactsRoot();
    folders.push(artifactsRoot);
    const api = await startTestEngine(database.url, { schema, artifactsRoot, workers: false });
    engines.push(api);
    workers.push(
      await spawnWorker({
        DATABASE_URL: database.url,
        LOOPLY_SCHEMA: schema,
        ARTIFACTS_ROOT: artifactsRoot,
        CALLS_FOLDER: await folder(),
        PROVIDER_DELAY_MS: '100',
      }),
    );
    const local: JobEvent[] = [];
    api.engine.events.on('step-end', (event) => local.push(event));
    const received: JobEvent[] = [];
    const { id: jobId } = await api.engine.submit(SAMPLE_BRIEF);
    const unsubscribe = await api.engine.subscribe(jobId, (event) => received.push(event));
    await waitFor('job-end through NOTIFY', () => received.find((event) => event.type === 'job-end'), 30_000);
    await unsubscribe();

    expect(received.every((event) => event.jobId === jobId)).to.equal(true);
    expect(received.at(-1)).to.include({ type: 'job-end', status: 'COMPLETED' });
    const ended = received
      .filter((event) => event.type === 'step-end')
      .map((event) => `${event.step}${event.sceneIndex ?? ''}:${event.status}`);
    expect(ended).to.include.members([
      'voice:COMPLETED',
      'visual0:COMPLETED',
      'visual1:COMPLETED',
      'visual2:COMPLETED',
      'assembly:COMPLETED',
    ]);
    expect(received.filter((event) => event.type === 'progress').at(-1)).to.include({ progress: 100 });
    // This process ran no step: its in-process emitter saw none of it.
    expect(local).to.deep.equal([]);
  });
});
