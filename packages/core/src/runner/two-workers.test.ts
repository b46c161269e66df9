import { expect } from 'chai';
import type { VisualCallOptionsV1 } from '../spec/visual/v1/visual-provider-v1.js';
import {
  createMockAssemblyProvider,
  createMockScriptProvider,
  createMockVisualProvider,
  createMockVoiceProvider,
} from '../testing/mock-providers.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  createArtifactsRoot,
  SAMPLE_BRIEF,
  startTestEngine,
  uniqueSchema,
  waitForJobEnd,
  type HarnessProviders,
  type TestEngine,
} from '../engine/__fixtures__/engine-harness.js';

interface Ledger {
  /** idempotency key → calls */
  calls: Map<string, number>;
  /** visual calls in flight per job, and the most seen at once */
  visualsInFlight: Map<string, number>;
  maxVisualsInFlight: number;
}

function countingProviders(ledger: Ledger): HarnessProviders {
  const count = (call: { idempotencyKey: string }): void => {
    ledger.calls.set(call.idempotencyKey, (ledger.calls.get(call.idempotencyKey) ?? 0) + 1);
  };
  const visual = createMockVisualProvider({ delayMs: 40, onCall: count });
  return {
    script: createMockScriptProvider({ sceneCount: 4, onCall: count }),
    voice: createMockVoiceProvider({ onCall: count }),
    visual: {
      ...visual,
      async doGenerate(options: VisualCallOptionsV1) {
        const jobId = options.idempotencyKey.split(':')[0];
        const inFlight = (ledger.visualsInFlight.get(jobId) ?? 0) + 1;
        ledger.visualsInFlight.set(jobId, inFlight);
        ledger.maxVisualsInFlight = Math.max(ledger.maxVisualsInFlight, inFlight);
        try {
          return await visual.doGenerate(options);
        } finally {
          ledger.visualsInFlight.set(jobId, (ledger.visualsInFlight.get(jobId) ?? 1) - 1);
        }
      },
    },
    assembly: createMockAssemblyProvider({ onCall: count }),
  };
}

describe('two workers on one database', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  const engines: TestEngine[] = [];

  before(async () => {
    database = await createTestDatabase();
  });

  after(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
    await database.drop();
  });

  it('never run the same step twice, keep each job’s visuals within the concurrency bound and assemble each job once', async () => {
    const schema = uniqueSchema('pair');
    const artifactsRoot = await createArtifactsRoot();
    const ledger: Ledger = { calls: new Map(), visualsInFlight: new Map(), maxVisualsInFlight: 0 };
    for (let index = 0; index < 2; index++) {
      engines.push(
        await startTestEngine(database.url, {
          schema,
          artifactsRoot,
          providers: countingProviders(ledger),
          worker: { concurrency: 3, visualConcurrency: 2 },
        }),
      );
    }
    const [first, second] = engines;
    const submitted = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        (index % 2 ? first : second).engine.submit({ ...SAMPLE_BRIEF, topic: `topic ${index}` }),
      ),
    );
    const jobs = await Promise.all(submitted.map((job) => waitForJobEnd(first.engine, job.id, 45_000)));

    expect(jobs.map((job) => job.status)).to.deep.equal(jobs.map(() => 'COMPLETED'));
    const expectedKeys = jobs.flatMap((job) => [
      `${job.id}:script`,
      `${job.id}:voice`,
      ...[0, 1, 2, 3].map((scene) => `${job.id}:visual:${scene}`),
      `${job.id}:assembly`,
    ]);
    expect([...ledger.calls.keys()].sort()).to.deep.equal(expectedKeys.sort());
    expect([...ledger.calls.values()].every((calls) => calls === 1)).to.equal(true);
    expect(jobs.every((job) => job.steps.every((step) => step.attempt === 1))).to.equal(true);
    expect(ledger.maxVisualsInFlight).to.be.at.most(2);
  });
});
