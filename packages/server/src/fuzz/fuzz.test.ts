import { expect } from 'chai';
import { formatHistogram, runFuzz } from './fuzz-runner.js';
import { startFuzzTarget, type FuzzTarget } from '../__fixtures__/fuzz-target.js';

/** Bounded fuzz run over every documented route: `pnpm fuzz` runs longer. FUZZ_SEED replays a run. */
describe('fuzzing every route (fast-check, bounded run)', function () {
  this.timeout(180_000);
  let target: FuzzTarget;

  before(async () => {
    target = await startFuzzTarget();
  });
  after(async () => {
    await target?.close();
  });

  it('answers 3,000 generated requests without a single 5xx, timeout or dropped connection, and stays healthy', async () => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2_147_483_647;
    const report = await runFuzz({ port: target.http.port, context: target.context, seed, requests: 3000 });
    process.stdout.write(
      `      fuzz seed ${seed}: ${report.requests} requests in ${report.elapsedMs} ms\n${formatHistogram(report.histogram)}\n`,
    );
    expect(report.failures, `replay with FUZZ_SEED=${seed}`).to.deep.equal([]);
    expect(await target.checkHealthy()).to.deep.equal({ health: 200, me: 200, list: 200 });
  });
});
