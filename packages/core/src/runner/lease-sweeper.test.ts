import { expect } from 'chai';
import { createMockScriptProvider } from '../testing/mock-providers.js';
import type { StepEndEvent } from '../events/job-event.js';
import { queueSchemaFor } from '../persistence/database-schema-name.js';
import { SAMPLE_BRIEF, uniqueSchema, waitForJobEnd } from '../engine/__fixtures__/engine-harness.js';
import { useTestEngineSuite } from '../engine/__fixtures__/test-engine-suite.js';
import { openStoreHarness, type StoreHarness } from './__fixtures__/store-harness.js';
import { STEP_QUEUES } from './step-queues.js';

describe('lease sweeper', () => {
  const suite = useTestEngineSuite();
  const harnesses: StoreHarness[] = [];

  // Registered after the suite's hooks: engines stop first, then the harnesses close.
  afterEach(async () => {
    await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
  });

  /** A worker that fetched the script message, claimed the step, then died (nothing renews its lease). */
  async function submitAndAbandon(schema: string): Promise<{ jobId: string; harness: StoreHarness }> {
    const api = await suite.start({ schema, workers: false });
    const { id: jobId } = await api.engine.submit(SAMPLE_BRIEF);
    const harness = await openStoreHarness(suite.databaseUrl, schema);
    harnesses.push(harness);
    const [message] = await harness.boss.fetch<{ stepRunId: string; jobId: string }>(STEP_QUEUES.script);
    const claimed =
      (await harness.store.claim({ ...message.data, queueJobId: message.id }, 60_000, `${schema}_events`))?.step ??
      null;
    expect(claimed).to.include({ status: 'RUNNING', attempt: 1 });
    // Back-date the lease instead of sleeping through it.
    await harness.database.query(
      `update ${harness.database.table('step_run')} set lease_expires_at = now() - interval '1 second' where id = $1`,
      [message.data.stepRunId],
    );
    return { jobId, harness };
  }

  it('returns a step whose worker died to PENDING and another worker finishes the job, running it once more', async () => {
    const schema = uniqueSchema('sweep');
    const { jobId } = await submitAndAbandon(schema);
    const script = createMockScriptProvider();
    const { engine } = await suite.start({ schema, providers: { script } });
    const retrying: StepEndEvent[] = [];
    engine.events.on('step-end', (event) => {
      if (event.status === 'RETRYING') retrying.push(event);
    });
    const job = await waitForJobEnd(engine, jobId);

    expect(job.status).to.equal('COMPLETED');
    expect(script.calls).to.have.length(1);
    expect(job.steps.find((step) => step.step === 'script')).to.include({ status: 'COMPLETED', attempt: 2 });
    expect(retrying.map((event) => [event.step, event.attempt, event.error?.code])).to.deep.equal([
      ['script', 1, 'lease-expired'],
    ]);
  });

  it('fails the job when the expired lease was the step’s last attempt', async () => {
    const schema = uniqueSchema('sweep');
    const { jobId } = await submitAndAbandon(schema);
    const script = createMockScriptProvider();
    const { engine } = await suite.start({ schema, providers: { script }, worker: { maxAttempts: 1 } });
    const job = await waitForJobEnd(engine, jobId);

    expect(job.status).to.equal('FAILED');
    expect(job.error).to.include({ step: 'script', provider: 'mock', code: 'lease-expired' });
    expect(job.error?.message).to.match(/gave up after 1 attempts/);
    expect(script.calls).to.have.length(0);
  });

  it('gives a PENDING step whose pg-boss message was lost a new message', async () => {
    const schema = uniqueSchema('sweep');
    const api = await suite.start({ schema, workers: false });
    const { id: jobId } = await api.engine.submit(SAMPLE_BRIEF);
    const harness = await openStoreHarness(suite.databaseUrl, schema);
    harnesses.push(harness);
    await harness.database.query(`delete from "${queueSchemaFor(schema)}".job where name = $1`, [STEP_QUEUES.script]);
    await harness.database.query(
      `update ${harness.database.table('step_run')} set updated_at = now() - interval '1 hour' where job_id = $1`,
      [jobId],
    );

    const script = createMockScriptProvider();
    const { engine } = await suite.start({ schema, providers: { script } });
    const job = await waitForJobEnd(engine, jobId);
    expect(job.status).to.equal('COMPLETED');
    expect(script.calls).to.have.length(1);
    expect(job.steps.find((step) => step.step === 'script')?.attempt).to.equal(1);
  });
});
