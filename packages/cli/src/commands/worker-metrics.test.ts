import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, isTerminalJobStatus, LocalArtifactStore, ProviderRegistry, type Engine } from '@looply/core';
import { createTestDatabase, type TestDatabase } from '@looply/core/testing';
import { localPlugin } from '@looply/providers-local';
import { findFreePort } from '../__fixtures__/find-free-port.js';

const BIN = fileURLToPath(new URL('../bin.ts', import.meta.url));

/** The value of `name{labels…}` in a Prometheus text scrape, 0 when absent. */
function sample(text: string, name: string, labels: string): number {
  const line = text
    .split('\n')
    .find(
      (candidate) => candidate.startsWith(`${name}{`) && labels.split(',').every((label) => candidate.includes(label)),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('looply worker --metrics-port', function () {
  this.timeout(240_000);
  let database: TestDatabase;
  let home: string;
  let submitter: Engine | undefined;

  before(async () => {
    database = await createTestDatabase();
    home = await mkdtemp(join(tmpdir(), 'looply-worker-metrics-'));
  });
  after(async () => {
    await submitter?.stop();
    await database?.drop();
    await rm(home, { recursive: true, force: true });
  });

  it('serves the worker’s metrics on its own port; after a short offline video its step counters moved', async () => {
    const metricsPort = await findFreePort();
    const child = spawn(
      process.execPath,
      [
        '--conditions=looply-source',
        '--import=tsx',
        BIN,
        'worker',
        '--concurrency',
        '2',
        '--metrics-port',
        String(metricsPort),
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          LOOPLY_HOME: home,
          DATABASE_URL: database.url,
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start message; stderr:\n${stderr}`)), 120_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          if (stdout.includes(`/metrics`) && stdout.includes('Looply worker running')) {
            clearTimeout(timer);
            resolve();
          }
        });
        void exited.then((code) => reject(new Error(`exited ${code}; stderr:\n${stderr}`)));
      });
      expect(stdout).to.contain(`:${metricsPort}/metrics`);
      const url = `http://127.0.0.1:${metricsPort}/metrics`;
      const first = await fetch(url);
      expect(first.status).to.equal(200);
      expect(await first.text()).to.contain('# TYPE looply_step_duration_seconds histogram');

      // Another process submits; the worker runs the offline (local) pipeline.
      const registry = new ProviderRegistry();
      localPlugin().register(registry);
      submitter = createEngine({
        databaseUrl: database.url,
        registry,
        artifacts: new LocalArtifactStore(join(home, 'artifacts')),
        defaults: { script: 'local', voice: 'local', visual: 'local', assembly: 'local' },
      });
      await submitter.start();
      const job = await submitter.submit({ topic: 'tide pools', durationSec: 5 });
      const deadline = Date.now() + 180_000;
      let status = job.status;
      while (!isTerminalJobStatus(status) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        status = (await submitter.get(job.id))!.status;
      }
      expect(status, stderr).to.equal('COMPLETED');
      const scenes = (await submitter.get(job.id))!.steps.filter((step) => step.step === 'visual').length;

      const text = await (await fetch(url)).text();
      for (const step of ['script', 'voice', 'assembly']) {
        expect(
          sample(text, 'looply_step_duration_seconds_count', `step="${step}",provider="local",status="COMPLETED"`),
          step,
        ).to.equal(1);
      }
      expect(
        sample(text, 'looply_step_duration_seconds_count', 'step="visual",provider="local",status="COMPLETED"'),
      ).to.equal(scenes);
      expect(sample(text, 'looply_jobs_finished_total', 'status="COMPLETED"')).to.equal(1);
      expect(sample(text, 'looply_cost_usd_total', 'step="script",provider="local"')).to.equal(0);
      expect(sample(text, 'looply_jobs', 'status="COMPLETED",script_provider="local"')).to.equal(1);
      expect(sample(text, 'looply_queue_depth', 'step="visual"')).to.equal(0);
    } finally {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
  });

  it('exits 2 naming --metrics-port when it is not a port', async () => {
    const { runCliProcess } = await import('../__fixtures__/run-cli-process.js');
    const result = await runCliProcess(['worker', '--metrics-port', '70000'], {
      cwd: home,
      environment: { PATH: process.env.PATH, LOOPLY_HOME: home },
    });
    expect(result.exitCode).to.equal(2);
    expect(result.stderr).to.contain('--metrics-port must be a whole number from 0 to 65535');
  });
});
