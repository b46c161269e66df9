import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type PgBossType from 'pg-boss';
import type { EngineBenchResult } from '../engine-bench.js';
import { percentile, round } from './bench-statistics.js';

// pg-boss as core resolves it: the very version the engine runs on.
const PgBoss = createRequire(new URL('../../packages/core/package.json', import.meta.url))(
  'pg-boss',
) as typeof PgBossType;

/** Raw pg-boss: `send` every job (`concurrency` senders) while `concurrency` workers `work` them. */
export async function runRawPgBoss(
  databaseUrl: string,
  jobs: number,
  concurrency: number,
): Promise<EngineBenchResult['rawPgBoss']> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: `bench_raw_${randomBytes(3).toString('hex')}`,
    max: concurrency * 2 + 2,
    schedule: false,
    supervise: false,
  });
  boss.on('error', () => undefined);
  await boss.start();
  const queue = 'bench-raw';
  await boss.createQueue(queue, { name: queue, retryLimit: 0 });
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let handled = 0;
  let finish!: () => void;
  const allHandled = new Promise<void>((resolve) => (finish = resolve));
  for (let worker = 0; worker < concurrency; worker++) {
    // pg-boss' fastest documented setting: 0.5 s polling, batches of jobs per fetch.
    await boss.work<{ key: string }>(queue, { pollingIntervalSeconds: 0.5, batchSize: 50 }, async (batch) => {
      const now = performance.now();
      for (const job of batch) latencies.push(now - (sentAt.get(job.data.key) ?? now));
      handled += batch.length;
      if (handled >= jobs) finish();
    });
  }
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs) {
        const key = String(next++);
        sentAt.set(key, performance.now());
        await boss.send(queue, { key });
      }
    }),
  );
  await allHandled;
  const seconds = (performance.now() - started) / 1000;
  await boss.stop({ graceful: false, close: true });
  latencies.sort((first, second) => first - second);
  return {
    jobs,
    seconds: round(seconds, 2),
    jobsPerSecond: round(jobs / seconds),
    sendToWorkMs: { p50: round(percentile(latencies, 0.5)), p95: round(percentile(latencies, 0.95)) },
  };
}
