import { expect } from 'chai';
import pg from 'pg';
import { notificationChannelsFor } from '../events/notification-channels.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { openStoreHarness, type StoreHarness } from './__fixtures__/store-harness.js';
import { STEP_QUEUES, sendInTransaction } from './step-queues.js';

class Rollback extends Error {}

describe('transactional hand-off (pg-boss send inside our transaction)', () => {
  let database: TestDatabase;
  let harness: StoreHarness;
  let listener: pg.Client;
  const notifications: string[] = [];

  before(async () => {
    database = await createTestDatabase();
    harness = await openStoreHarness(database.url);
    listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    listener.on('notification', (message) => notifications.push(message.payload ?? ''));
    await listener.query(`LISTEN "${notificationChannelsFor(harness.schema).ready}"`);
  });

  after(async () => {
    await listener.end();
    await harness.close();
    await database.drop();
  });

  const ready = () => notificationChannelsFor(harness.schema).ready;
  const message = (jobId: string, stepRunId: string) => ({ stepRunId, jobId, action: 'run' as const });

  it('runs pg-boss SQL on the very connection and transaction of our state changes', async () => {
    const seen = await harness.database.transaction(async (scope) => {
      const ours = await scope.query<{ pid: number; transaction: string }>(
        'select pg_backend_pid() as pid, txid_current()::text as transaction',
      );
      const queues = await scope.queueDatabase.executeSql(
        'select pg_backend_pid() as pid, txid_current()::text as transaction',
        [],
      );
      return { ours: ours.rows[0], queues: queues.rows[0] };
    });
    expect(seen.queues).to.deep.equal(seen.ours);
  });

  it('a rolled-back hand-off leaves neither the step change nor the pg-boss message nor a NOTIFY behind', async () => {
    const { jobId, stepRunId } = await harness.insertJobWithScriptStep();
    notifications.length = 0;
    let sentId = '';
    const outcome = await harness.database
      .transaction(async (scope) => {
        await scope.query(`update ${harness.database.table('step_run')} set status = 'COMPLETED' where id = $1`, [
          stepRunId,
        ]);
        sentId = await sendInTransaction(harness.boss, scope, ready(), STEP_QUEUES.voice, message(jobId, stepRunId));
        throw new Rollback('after the send');
      })
      .catch((error: unknown) => error);
    expect(outcome).to.be.instanceOf(Rollback);
    expect(sentId).to.match(/^[0-9a-f-]{36}$/);
    expect(await harness.boss.getJobById(STEP_QUEUES.voice, sentId)).to.equal(null);
    expect(await harness.boss.getQueueSize(STEP_QUEUES.voice)).to.equal(0);
    expect((await harness.store.findStep(stepRunId))?.status).to.equal('PENDING');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(notifications).to.deep.equal([]);
  });

  it('a committed hand-off makes the message fetchable and signals workers only at commit', async () => {
    const { jobId, stepRunId } = await harness.insertJobWithScriptStep();
    notifications.length = 0;
    let sentId = '';
    let beforeCommit: string[] = [];
    await harness.database.transaction(async (scope) => {
      sentId = await sendInTransaction(harness.boss, scope, ready(), STEP_QUEUES.voice, message(jobId, stepRunId));
      // Not visible outside the transaction yet.
      expect(await harness.boss.getJobById(STEP_QUEUES.voice, sentId)).to.equal(null);
      await new Promise((resolve) => setTimeout(resolve, 100));
      beforeCommit = [...notifications];
    });
    expect(beforeCommit).to.deep.equal([]);
    const fetched = await harness.boss.fetch<{ stepRunId: string }>(STEP_QUEUES.voice);
    expect(fetched.map((job) => [job.id, job.data.stepRunId])).to.deep.equal([[sentId, stepRunId]]);
    for (let waited = 0; notifications.length === 0 && waited < 2000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(notifications.map((payload) => JSON.parse(payload))).to.deep.equal([{ queue: STEP_QUEUES.voice }]);
  });
});
