import { expect } from 'chai';
import type PgBoss from 'pg-boss';
import { testLogger } from '../engine/__fixtures__/engine-harness.js';
import { DEAD_LETTER_QUEUE, STEP_QUEUES } from './step-queues.js';
import { WorkerPool } from './worker-pool.js';

/** A pg-boss stand-in: queued messages per queue, and every fetch recorded. */
function fakeBoss(queued: Record<string, number>) {
  const fetches: Array<{ queue: string; batchSize: number }> = [];
  let next = 0;
  const boss = {
    async fetch(queue: string, options: { batchSize: number }) {
      fetches.push({ queue, batchSize: options.batchSize });
      const count = Math.min(options.batchSize, queued[queue] ?? 0);
      queued[queue] = (queued[queue] ?? 0) - count;
      return Array.from({ length: count }, () => ({ id: `message-${next++}`, name: queue, data: {} }));
    },
  };
  return { boss: boss as unknown as PgBoss, fetches };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('WorkerPool hints', () => {
  const pools: WorkerPool[] = [];

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.stop()));
  });

  function startPool(boss: PgBoss, handler: (queue: string) => Promise<void>, concurrency = 2): WorkerPool {
    const pool = new WorkerPool(
      boss,
      (queue) => handler(queue),
      { concurrency, fallbackFetchIntervalMs: 600_000 },
      testLogger(),
    );
    pools.push(pool);
    pool.start();
    return pool;
  }

  it('fetches only the signalled step queue, and never the dead-letter queue', async () => {
    const { boss, fetches } = fakeBoss({});
    const pool = startPool(boss, async () => {});
    await settle();
    fetches.length = 0;
    pool.wake(DEAD_LETTER_QUEUE);
    pool.wake('some-other-queue');
    await settle();
    expect(fetches).to.deep.equal([]);
    pool.wake(STEP_QUEUES.voice);
    await settle();
    expect(fetches).to.deep.equal([{ queue: STEP_QUEUES.voice, batchSize: 2 }]);
  });

  it('keeps a signal that came while every slot was busy and serves it when a slot frees', async () => {
    const { boss, fetches } = fakeBoss({ [STEP_QUEUES.script]: 2 });
    const release: Array<() => void> = [];
    const handled: string[] = [];
    const pool = startPool(boss, (queue) => {
      handled.push(queue);
      return new Promise<void>((resolve) => release.push(resolve));
    });
    pool.wake(STEP_QUEUES.script);
    await settle();
    expect(handled).to.deep.equal([STEP_QUEUES.script, STEP_QUEUES.script]);
    fetches.length = 0;
    // Both slots busy: a signal for the voice queue cannot be served yet.
    pool.wake(STEP_QUEUES.voice);
    await settle();
    expect(fetches).to.deep.equal([]);
    release.shift()?.();
    await settle();
    // A full batch of scripts may have left more, so the script queue is asked again too.
    expect(fetches.map((fetch) => fetch.queue)).to.include(STEP_QUEUES.voice);
    expect(fetches.every((fetch) => fetch.batchSize === 1)).to.equal(true);
    release.splice(0).forEach((resolve) => resolve());
  });
});
