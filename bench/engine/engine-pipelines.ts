import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEngine,
  isTerminalJobStatus,
  LocalArtifactStore,
  ProviderRegistry,
  type StepKind,
} from '../../packages/core/src/index.js';
import type { BenchOptions, EngineBenchResult } from '../engine-bench.js';
import { WAITING_PROVIDER_ID, waitingProviders } from '../scale/waiting-providers.js';
import { percentile, round } from './bench-statistics.js';

/** The engine: `inFlight` pipelines at a time (a new one is submitted when one ends) until `pipelines` ran. */
export async function runEngine(
  databaseUrl: string,
  options: Pick<BenchOptions, 'pipelines' | 'concurrency'>,
  inFlight: number,
): Promise<EngineBenchResult['engine']> {
  const started = new Map<string, number>();
  const artifactsRoot = await mkdtemp(join(tmpdir(), 'looply-bench-artifacts-'));
  const artifacts = new LocalArtifactStore(artifactsRoot);
  const placeholder = await artifacts.put('bench/placeholder.bin', Buffer.from('placeholder'), {
    contentType: 'application/octet-stream',
  });
  // Providers that answer at once with minimal valid results (no work, one placeholder artifact), so the
  // bench measures the engine: queue, tables, hand-offs.
  const providers = waitingProviders(placeholder, {
    delayMs: 0,
    onStart: (idempotencyKey) => started.set(idempotencyKey, performance.now()),
  });
  const registry = new ProviderRegistry();
  for (const provider of Object.values(providers)) registry.register(provider);
  const engine = createEngine({
    databaseUrl,
    schema: `bench_engine_${randomBytes(3).toString('hex')}`,
    registry,
    artifacts,
    defaults: {
      script: WAITING_PROVIDER_ID,
      voice: WAITING_PROVIDER_ID,
      visual: WAITING_PROVIDER_ID,
      assembly: WAITING_PROVIDER_ID,
    },
    worker: { concurrency: options.concurrency },
  });
  const ended = new Map<string, number>();
  engine.events.on('step-end', (event) => {
    if (event.status !== 'COMPLETED') return;
    const key =
      event.sceneIndex === undefined
        ? `${event.jobId}:${event.step}`
        : `${event.jobId}:${event.step}:${event.sceneIndex}`;
    ended.set(key, performance.now());
  });
  const failures: string[] = [];
  const waiters = new Map<string, () => void>();
  engine.events.on('job-end', (event) => {
    if (event.status !== 'COMPLETED') failures.push(`${event.jobId}: ${event.status} ${event.error?.message ?? ''}`);
    waiters.get(event.jobId)?.();
  });
  try {
    await engine.start();
    await engine.startWorkers();
    const jobIds: string[] = [];
    const begin = performance.now();
    let submitted = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (submitted < options.pipelines) {
          submitted += 1;
          const job = await engine.submit({ topic: `bench ${submitted}`, durationSec: 5 });
          jobIds.push(job.id);
          // Events of this job may already have arrived: check the row before waiting.
          await new Promise<void>((resolve) => {
            waiters.set(job.id, resolve);
            void engine.get(job.id).then((view) => {
              if (view && isTerminalJobStatus(view.status)) resolve();
            });
          });
        }
      }),
    );
    const seconds = (performance.now() - begin) / 1000;
    if (failures.length > 0) throw new Error(`${failures.length} pipelines did not complete, e.g. ${failures[0]}`);
    const handOffs: number[] = [];
    const chain: Array<[StepKind, StepKind, string, string]> = [
      ['script', 'voice', 'script', 'voice'],
      ['voice', 'visual', 'voice', 'visual:0'],
      ['visual', 'assembly', 'visual:0', 'assembly'],
    ];
    for (const jobId of jobIds) {
      for (const [, , from, to] of chain) {
        const end = ended.get(`${jobId}:${from}`);
        const start = started.get(`${jobId}:${to}`);
        if (end !== undefined && start !== undefined) handOffs.push(start - end);
      }
    }
    handOffs.sort((first, second) => first - second);
    return {
      seconds: round(seconds, 2),
      pipelinesPerSecond: round(options.pipelines / seconds),
      handOffMs: {
        p50: round(percentile(handOffs, 0.5)),
        p95: round(percentile(handOffs, 0.95)),
        max: round(handOffs.at(-1) ?? Number.NaN),
        samples: handOffs.length,
      },
    };
  } finally {
    await engine.stop();
    await rm(artifactsRoot, { recursive: true, force: true });
  }
}
