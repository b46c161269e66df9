import { expect } from 'chai';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { testLogger, waitFor } from '../engine/__fixtures__/engine-harness.js';
import { NotificationListener } from './notification-listener.js';

describe('NotificationListener', () => {
  let database: TestDatabase;
  let admin: pg.Client;

  before(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
  });

  after(async () => {
    await admin.end();
    await database.drop();
  });

  it('receives notifications on its channels and reconnects (and listens again) after its connection is killed', async () => {
    const received: Array<[string, string]> = [];
    let connections = 0;
    const listener = new NotificationListener({
      databaseUrl: database.url,
      channels: ['alpha', 'beta'],
      logger: testLogger(),
      onNotification: (channel, payload) => received.push([channel, payload]),
      onConnected: () => (connections += 1),
    });
    await listener.start();
    try {
      await admin.query(`select pg_notify('alpha', 'one'), pg_notify('beta', 'two'), pg_notify('gamma', 'ignored')`);
      await waitFor('two notifications', () => (received.length >= 2 ? true : undefined), 5000);
      expect(received).to.deep.equal([
        ['alpha', 'one'],
        ['beta', 'two'],
      ]);

      const { rowCount } = await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'looply-listener' and datname = current_database()`,
      );
      expect(rowCount).to.equal(1);
      await waitFor('the reconnection', () => (connections === 2 && listener.connected ? true : undefined), 10_000);
      await admin.query(`select pg_notify('beta', 'three')`);
      await waitFor('the notification after reconnecting', () => (received.length === 3 ? true : undefined), 5000);
      expect(received[2]).to.deep.equal(['beta', 'three']);
    } finally {
      await listener.stop();
    }
    expect(listener.connected).to.equal(false);
  });
});
