import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { openStoreHarness, type StoreHarness } from './__fixtures__/store-harness.js';

const LEASE_MS = 60_000;

describe('StepRunStore compare-and-set transitions', () => {
  let database: TestDatabase;
  let harness: StoreHarness;

  before(async () => {
    database = await createTestDatabase();
    harness = await openStoreHarness(database.url);
  });

  after(async () => {
    await harness.close();
    await database.drop();
  });

  const stepJobs = new Map<string, string>();
  async function insertJob() {
    const inserted = await harness.insertJobWithScriptStep();
    stepJobs.set(inserted.stepRunId, inserted.jobId);
    return inserted;
  }
  function claim(stepRunId: string, queueJobId: string) {
    return harness.store.claim(
      { stepRunId, jobId: stepJobs.get(stepRunId) as string, queueJobId },
      LEASE_MS,
      `${harness.schema}_events`,
    );
  }

  /** Simulates a dead worker: its lease ran out. */
  async function expireLease(stepRunId: string): Promise<void> {
    await harness.database.query(
      `update ${harness.database.table('step_run')} set lease_expires_at = now() - interval '1 second' where id = $1`,
      [stepRunId],
    );
  }

  it('lets only the step’s current message claim it, once', async () => {
    const { jobId, stepRunId, queueJobId } = await insertJob();
    expect(await claim(stepRunId, randomUUID())).to.equal(null);
    const [first, second] = await Promise.all([claim(stepRunId, queueJobId), claim(stepRunId, queueJobId)]);
    const winners = [first, second].filter((claimed) => claimed !== null);
    expect(winners).to.have.length(1);
    expect(winners[0]?.step).to.include({ jobId, status: 'RUNNING', attempt: 1 });
    expect(winners[0]?.step.leaseToken).to.be.a('string');
    expect(winners[0]?.job).to.include({ id: jobId });
  });

  it('claims nothing of a job that is already finished or cancelled', async () => {
    const { jobId, stepRunId, queueJobId } = await insertJob();
    await harness.database.query(
      `update ${harness.database.table('video_job')} set status = 'CANCELLED' where id = $1`,
      [jobId],
    );
    expect(await claim(stepRunId, queueJobId)).to.equal(null);
    expect((await harness.store.findStep(stepRunId))?.status).to.equal('PENDING');
  });

  it('a superseded attempt writes nothing (0 rows) and the current attempt’s result stands', async () => {
    const { stepRunId, queueJobId } = await insertJob();
    const attempt1 = (await claim(stepRunId, queueJobId))?.step ?? null;
    // Attempt 1's worker stalls; its lease expires and the step is handed to a new message.
    await expireLease(stepRunId);
    const nextQueueJobId = randomUUID();
    const recovered = await harness.database.transaction((scope) =>
      harness.steps.scheduleRetry(
        scope,
        stepRunId,
        { kind: 'expired-lease', leaseToken: attempt1!.leaseToken! },
        { step: 'script', provider: 'mock', message: 'lease expired', code: 'lease-expired' },
        nextQueueJobId,
      ),
    );
    expect(recovered).to.include({ status: 'PENDING', queueJobId: nextQueueJobId });
    const attempt2 = (await claim(stepRunId, nextQueueJobId))?.step ?? null;
    expect(attempt2).to.include({ attempt: 2 });

    // The zombie attempt 1 wakes up and tries to write, renew, fail or go waiting: nothing changes.
    const zombieFence = { kind: 'lease' as const, leaseToken: attempt1!.leaseToken! };
    const zombieWrite = await harness.database.transaction((scope) =>
      harness.steps.complete(scope, stepRunId, zombieFence, { from: 'attempt 1' }, {}),
    );
    expect(zombieWrite).to.equal(null);
    expect(await harness.store.renewLease(stepRunId, attempt1!.leaseToken!, LEASE_MS)).to.equal(false);
    const zombieFail = await harness.database.transaction((scope) =>
      harness.steps.fail(scope, stepRunId, zombieFence, { step: 'script', provider: 'mock', message: 'late failure' }),
    );
    expect(zombieFail).to.equal(null);
    expect(await harness.store.findStep(stepRunId)).to.include({
      status: 'RUNNING',
      attempt: 2,
      leaseToken: attempt2!.leaseToken,
      output: null,
    });

    const written = await harness.database.transaction((scope) =>
      harness.steps.complete(
        scope,
        stepRunId,
        { kind: 'lease', leaseToken: attempt2!.leaseToken! },
        { from: 'attempt 2' },
        { costUsd: 0.01 },
      ),
    );
    expect(written).to.include({ status: 'COMPLETED' });
    expect((await harness.store.findStep(stepRunId))?.output).to.deep.equal({ from: 'attempt 2' });
  });

  it('never claims or recovers a COMPLETED step again', async () => {
    const { stepRunId, queueJobId } = await insertJob();
    const claimed = (await claim(stepRunId, queueJobId))?.step ?? null;
    await harness.database.transaction((scope) =>
      harness.steps.complete(scope, stepRunId, { kind: 'lease', leaseToken: claimed!.leaseToken! }, { done: true }, {}),
    );
    expect((await claim(stepRunId, queueJobId))?.step ?? null).to.equal(null);
    await expireLease(stepRunId);
    expect(await harness.database.transaction((scope) => harness.store.lockExpired(scope, stepRunId))).to.equal(null);
    expect((await harness.store.findExpired(100)).map((candidate) => candidate.id)).to.not.include(stepRunId);
  });

  it('a waiting step is settled by the poll or webhook of its current attempt only', async () => {
    const { stepRunId, queueJobId } = await insertJob();
    const claimed = (await claim(stepRunId, queueJobId))?.step ?? null;
    const pollQueueJobId = randomUUID();
    await harness.database.transaction((scope) =>
      harness.steps.markWaiting(scope, stepRunId, claimed!.leaseToken!, {
        operation: { id: 'op-1' },
        externalId: 'op-1',
        usage: {},
        pollQueueJobId,
        deadlineMs: LEASE_MS,
      }),
    );
    const olderAttempt = await harness.database.transaction((scope) =>
      harness.steps.complete(scope, stepRunId, { kind: 'waiting', attempt: 0 }, { late: true }, {}),
    );
    expect(olderAttempt).to.equal(null);
    const [first, second] = await Promise.all([
      harness.database.transaction((scope) =>
        harness.steps.complete(scope, stepRunId, { kind: 'waiting', attempt: 1 }, { by: 'poll' }, {}),
      ),
      harness.database.transaction((scope) =>
        harness.steps.complete(scope, stepRunId, { kind: 'waiting', attempt: 1 }, { by: 'webhook' }, {}),
      ),
    ]);
    expect([first, second].filter((result) => result !== null)).to.have.length(1);
  });
});
