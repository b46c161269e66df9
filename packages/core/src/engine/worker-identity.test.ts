import { expect } from 'chai';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import {
  createArtifactsRoot,
  SAMPLE_BRIEF,
  startTestEngine,
  uniqueSchema,
  waitForJobEnd,
  type TestEngine,
} from './__fixtures__/engine-harness.js';

describe('worker identity and storage on the job', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  const engines: TestEngine[] = [];

  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await Promise.all(engines.map((engine) => engine.stop()));
    await database?.drop();
  });

  it('records the claiming worker on every step run and where the artifacts live in the job metadata', async () => {
    const schema = uniqueSchema('identity');
    const artifactsRoot = await createArtifactsRoot();
    engines.push(await startTestEngine(database.url, { schema, artifactsRoot, workerId: 'machine-a:101' }));
    engines.push(await startTestEngine(database.url, { schema, artifactsRoot, workerId: 'machine-b:202' }));
    const submitted = await Promise.all(Array.from({ length: 4 }, () => engines[0].engine.submit(SAMPLE_BRIEF)));
    for (const job of submitted) {
      const done = await waitForJobEnd(engines[1].engine, job.id);
      expect(done.status).to.equal('COMPLETED');
      expect(done.metadata.storage).to.deep.equal({ provider: 'local' });
      for (const step of done.steps)
        expect(['machine-a:101', 'machine-b:202'], `${step.step} ${step.sceneIndex}`).to.include(step.workerId);
    }
  });
});
