// `pnpm fuzz [--requests 20000] [--seed N] [--concurrency 8]`: the long fuzz run. Prints its seed first, so
// a failing run is replayed with `pnpm fuzz --seed N` (the same seed generates the same requests), then
// the status histogram and every 5xx, timeout or dropped connection. Exit 1 when there was any.
import { parseArgs } from 'node:util';
import { startTestPostgres, stopTestPostgres } from '@looply/core/testing';
import { formatHistogram, runFuzz } from '../fuzz/fuzz-runner.js';
import { startFuzzTarget } from './fuzz-target.js';

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    process.stderr.write(`pnpm fuzz: --${name} must be a whole number, got "${value}"\n`);
    process.exit(2);
  }
  return Number(value);
}

const { values } = parseArgs({
  options: { requests: { type: 'string' }, seed: { type: 'string' }, concurrency: { type: 'string' } },
});
const requests = wholeNumber('requests', values.requests, 20_000);
const seed = wholeNumber('seed', values.seed, Date.now() % 2_147_483_647);
const concurrency = wholeNumber('concurrency', values.concurrency, 8);
process.stdout.write(
  `fuzz seed ${seed} (replay: pnpm fuzz --seed ${seed} --requests ${requests}); starting the server…\n`,
);

await startTestPostgres();
const target = await startFuzzTarget();
let failed: boolean;
try {
  const report = await runFuzz({ port: target.http.port, context: target.context, seed, requests, concurrency });
  const healthy = await target.checkHealthy();
  process.stdout.write(
    `${report.requests} requests in ${(report.elapsedMs / 1000).toFixed(1)} s\nstatus histogram:\n${formatHistogram(report.histogram)}\n`,
  );
  process.stdout.write(
    `after the run: health ${healthy.health}, GET /auth/me ${healthy.me}, GET /videos ${healthy.list}\n`,
  );
  for (const failure of report.failures)
    process.stdout.write(`FAILURE #${failure.index} ${failure.outcome}: ${JSON.stringify(failure.request)}\n`);
  failed = report.failures.length > 0 || Object.values(healthy).some((status) => status !== 200);
  process.stdout.write(
    failed ? `fuzz FAILED (seed ${seed})\n` : `fuzz passed: no 5xx, timeout or dropped connection (seed ${seed})\n`,
  );
} finally {
  await target.close();
  await stopTestPostgres();
}
process.exit(failed ? 1 : 0);
