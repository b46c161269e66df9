import { expect } from 'chai';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  startTestEngine,
  uniqueSchema,
  waitForJobEnd,
  SAMPLE_BRIEF,
  type TestEngine,
} from './__fixtures__/engine-harness.js';
import { migrate } from './migrate.js';

describe('engines starting at once on a fresh schema', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  const engines: TestEngine[] = [];

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
    await database?.drop();
  });

  it('all start (our migrations and the pg-boss install run once, under one lock) and then share the work', async () => {
    const schema = uniqueSchema('concurrent');
    const results = await Promise.allSettled([
      ...Array.from({ length: 5 }, () => startTestEngine(database.url, { schema })),
      migrate({ databaseUrl: database.url, schema }),
    ]);
    for (const result of results)
      if (result.status === 'fulfilled' && 'engine' in result.value) engines.push(result.value);
    const failures = results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
    expect(failures).to.deep.equal([]);
    const job = await engines[0].engine.submit(SAMPLE_BRIEF);
    expect((await waitForJobEnd(engines[4].engine, job.id)).status).to.equal('COMPLETED');
  });
});
