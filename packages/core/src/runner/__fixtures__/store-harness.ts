import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import { createOrm } from '../../persistence/create-orm.js';
import { Database } from '../../persistence/database.js';
import { queueSchemaFor } from '../../persistence/database-schema-name.js';
import { runMigrations } from '../../persistence/run-migrations.js';
import { testLogger, uniqueSchema } from '../../engine/__fixtures__/engine-harness.js';
import { createStepQueues } from '../step-queues.js';
import { StepRunStore } from '../step-run-store.js';
import { StepRowUpdates } from '../transitions/step-row-updates.js';

export interface StoreHarness {
  database: Database;
  store: StepRunStore;
  /** The compare-and-set updates of `step_run`. */
  steps: StepRowUpdates;
  boss: PgBoss;
  schema: string;
  /** Inserts a RUNNING-able job with one PENDING script step queued behind message `queueJobId`. */
  insertJobWithScriptStep(): Promise<{ jobId: string; stepRunId: string; queueJobId: string }>;
  close(): Promise<void>;
}

/** Our tables and pg-boss on a schema (a fresh one by default), without an engine around them. */
export async function openStoreHarness(databaseUrl: string, schema = uniqueSchema('store')): Promise<StoreHarness> {
  const logger = testLogger();
  const orm = await createOrm({ databaseUrl, schema, logger });
  await runMigrations(orm, databaseUrl);
  const database = new Database(orm, schema, logger);
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: queueSchemaFor(schema),
    max: 2,
    schedule: false,
    supervise: false,
  });
  await boss.start();
  await createStepQueues(boss);
  const store = new StepRunStore(database);
  return {
    database,
    store,
    steps: new StepRowUpdates(database),
    boss,
    schema,
    async insertJobWithScriptStep() {
      const jobId = randomUUID();
      const stepRunId = randomUUID();
      const queueJobId = randomUUID();
      await database.query(
        `insert into ${database.table('video_job')} (id, brief, status, providers) values ($1, $2, 'PENDING', $3)`,
        [
          jobId,
          JSON.stringify({ topic: 'store test' }),
          JSON.stringify({ script: 'mock', voice: 'mock', visual: 'mock', assembly: 'mock' }),
        ],
      );
      await database.query(
        `insert into ${database.table('step_run')} (id, job_id, step, provider, status, queue_job_id) values ($1, $2, 'script', 'mock', 'PENDING', $3)`,
        [stepRunId, jobId, queueJobId],
      );
      return { jobId, stepRunId, queueJobId };
    },
    async close() {
      await boss.stop({ graceful: false, close: true });
      await database.close();
    },
  };
}
