import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { startTestEngine, type TestEngine, type TestEngineOptions } from './engine-harness.js';

export interface TestEngineSuite {
  /** URL of the suite's own database, available from the first test on. */
  readonly databaseUrl: string;
  /** Starts an engine on the suite's database; it is stopped after the current test. */
  start(options?: TestEngineOptions): Promise<TestEngine>;
  /** Stops these engines (started elsewhere) after the current test. */
  track(...engines: TestEngine[]): void;
}

/**
 * Registers the mocha hooks every engine test needs, in the `describe` it is called from: a fresh database
 * for the suite (dropped at the end) and every started or tracked engine stopped after each test.
 */
export function useTestEngineSuite(): TestEngineSuite {
  let database: TestDatabase | undefined;
  const engines: TestEngine[] = [];

  before(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  });

  after(async () => {
    await database?.drop();
  });

  const suite: TestEngineSuite = {
    get databaseUrl(): string {
      if (!database)
        throw new Error(
          'The test engine suite has no database yet: use databaseUrl inside a test or hook, not at describe time',
        );
      return database.url;
    },
    async start(options = {}) {
      const started = await startTestEngine(suite.databaseUrl, options);
      engines.push(started);
      return started;
    },
    track(...started) {
      engines.push(...started);
    },
  };
  return suite;
}
