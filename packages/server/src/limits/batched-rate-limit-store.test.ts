import { expect } from 'chai';
import request from 'supertest';
import { createTestServer, QUICK_BRIEF, waitForJobEnd, type TestServer } from '../__fixtures__/test-server.js';
import { BatchedRateLimitStore } from './batched-rate-limit-store.js';

describe('BatchedRateLimitStore (in-memory counts reconciled with Postgres in batches)', () => {
  let server: TestServer;
  const stores: BatchedRateLimitStore[] = [];

  before(async () => {
    // Reconciliation once a minute: no batch can fall inside the read-path test's window.
    server = await createTestServer({ workers: false, settings: { rateLimits: { flushIntervalMs: 60_000 } } });
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.shutdown();
  });
  after(async () => {
    await server?.close();
  });

  function store(prefix: string, windowMs = 60_000): BatchedRateLimitStore {
    // A long interval: the tests flush by hand.
    const created = new BatchedRateLimitStore(server.database, {
      prefix,
      flushIntervalMs: 60_000,
      onError: (error) => {
        throw error;
      },
    });
    created.init({ windowMs } as never);
    stores.push(created);
    return created;
  }

  const hits = async (prefix: string, key: string) =>
    (
      await server.database.query<{ hits: number }>(
        `select "hits" from ${server.database.table('rate_limit_counter')} where "key" = $1`,
        [prefix + key],
      )
    ).rows[0]?.hits;

  it('counts exactly within a process, with no database statement per request', async () => {
    const single = store('exact:');
    const results = await Promise.all(Array.from({ length: 40 }, () => single.increment('client')));
    expect(results.map((result) => result.totalHits).sort((first, second) => first - second)).to.deep.equal(
      Array.from({ length: 40 }, (_, index) => index + 1),
    );
    expect(await hits('exact:', 'client'), 'nothing written before a flush').to.equal(undefined);
    await single.flush();
    expect(await hits('exact:', 'client')).to.equal(40);
  });

  it('two processes sharing the table see each other’s hits after one reconciliation', async () => {
    const first = store('shared:');
    const second = store('shared:');
    for (let index = 0; index < 30; index++) await first.increment('client');
    for (let index = 0; index < 20; index++) await second.increment('client');
    await first.flush();
    await second.flush();
    expect(await hits('shared:', 'client')).to.equal(50);
    expect((await second.increment('client')).totalHits, 'the second process now counts the first one’s hits').to.equal(
      51,
    );
    await first.flush();
    expect((await first.increment('client')).totalHits).to.equal(51);
  });

  it('a decrement (a request not to count) is reconciled too, and a passed window starts again from 1', async () => {
    const windowed = store('window:', 300);
    await windowed.increment('client');
    await windowed.increment('client');
    await windowed.decrement('client');
    await windowed.flush();
    expect(await hits('window:', 'client')).to.equal(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await windowed.increment('client')).totalHits).to.equal(1);
    await windowed.flush();
    expect(await hits('window:', 'client'), 'the expired row starts a new window').to.equal(1);
  });

  it('the common authenticated read costs no server database statement once warm (rate limit, token and job cached)', async () => {
    const user = await server.createUser();
    const auth = { Authorization: `Bearer ${user.token}` };
    const created = await request(server.app).post('/api/v1/videos').set(auth).send(QUICK_BRIEF).expect(202);
    await server.engine.cancel(created.body.id as string);
    await waitForJobEnd(server.engine, created.body.id as string);
    await request(server.app).get(`/api/v1/videos/${created.body.id}`).set(auth).expect(200);
    const statements: string[] = [];
    const query = server.database.query.bind(server.database);
    server.database.query = ((text: string, values?: unknown[]) => {
      statements.push(text);
      return query(text, values);
    }) as typeof server.database.query;
    try {
      for (let index = 0; index < 20; index++)
        await request(server.app).get(`/api/v1/videos/${created.body.id}`).set(auth).expect(200);
    } finally {
      server.database.query = query;
    }
    expect(statements).to.deep.equal([]);
  });

  it('resetKey forgets the key here and in the table', async () => {
    const resettable = store('reset:');
    await resettable.increment('client');
    await resettable.flush();
    await resettable.resetKey('client');
    expect(await resettable.get('client')).to.equal(undefined);
    expect(await hits('reset:', 'client')).to.equal(undefined);
  });
});
