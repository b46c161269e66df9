import { expect } from 'chai';
import { setTimeout as delay } from 'node:timers/promises';
import { ProgressThrottle } from './progress-throttle.js';

describe('ProgressThrottle', () => {
  it('writes the first value at once, then only the latest one per interval, and nothing after stop', async () => {
    const written: number[] = [];
    const throttle = new ProgressThrottle(100, async (fraction) => {
      written.push(fraction);
    });
    throttle.report(0.1);
    throttle.report(0.2);
    throttle.report(0.3);
    await delay(10);
    expect(written).to.deep.equal([0.1]);
    await delay(150);
    expect(written).to.deep.equal([0.1, 0.3]);
    throttle.report(0.9);
    await throttle.stop();
    throttle.report(1);
    await delay(150);
    expect(written).to.not.include(1);
  });
});
