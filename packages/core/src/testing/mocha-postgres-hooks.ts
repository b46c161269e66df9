import { startTestPostgres, stopTestPostgres } from './test-database.js';

interface HookContext {
  timeout(milliseconds: number): void;
}

/**
 * Mocha root hooks (registered in `.mocharc.json` "require"): one test Postgres for the whole run,
 * stopped after the last test whatever the results. With `TEST_DATABASE_URL` set, that server is used.
 */
export const mochaHooks = {
  async beforeAll(this: HookContext) {
    this.timeout(180_000);
    await startTestPostgres();
  },
  async afterAll(this: HookContext) {
    this.timeout(60_000);
    await stopTestPostgres();
  },
};
