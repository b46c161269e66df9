import { AbortedError } from '@looply/core';
import { expect } from 'chai';
import { ConcurrencyLimit } from './concurrency-limit.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `max` tasks at once and starts the next as one finishes, in order', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limit.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).to.deep.equal([0, 1]);
    expect([limit.active, limit.queued]).to.deep.equal([2, 2]);
    gates[1].resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).to.deep.equal([0, 1, 2]);
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    expect(await Promise.all(runs)).to.deep.equal([0, 1, 2, 3]);
    expect([limit.active, limit.queued]).to.deep.equal([0, 0]);
  });

  it('frees the slot when a task throws', async () => {
    const limit = new ConcurrencyLimit(1);
    await limit.run(() => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await limit.run(async () => 'next')).to.equal('next');
  });

  it('rejects a waiting task with AbortedError when its signal fires, without running it', async () => {
    const limit = new ConcurrencyLimit(1);
    const gate = deferred();
    const first = limit.run(() => gate.promise);
    const controller = new AbortController();
    let ran = false;
    const second = limit.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort();
    const error = await second.catch((caught: unknown) => caught);
    expect(error).to.be.instanceOf(AbortedError);
    expect(limit.queued).to.equal(0);
    gate.resolve();
    await first;
    expect(ran).to.equal(false);
  });

  it('refuses a non-positive size', () => {
    expect(() => new ConcurrencyLimit(0)).to.throw(RangeError);
  });
});
