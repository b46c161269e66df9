import { expect } from 'chai';
import { retryDelayMs } from './retry-delay.js';

describe('callback retry delay', () => {
  const settings = { baseDelayMs: 5000, maxDelayMs: 60_000 };

  it('doubles per attempt around the base, within ±20 % jitter', () => {
    expect(retryDelayMs(1, settings, undefined, () => 0.5)).to.equal(5000);
    expect(retryDelayMs(2, settings, undefined, () => 0.5)).to.equal(10_000);
    expect(retryDelayMs(3, settings, undefined, () => 0)).to.equal(16_000);
    expect(retryDelayMs(3, settings, undefined, () => 1)).to.equal(24_000);
  });

  it('is capped at the longest delay', () => {
    expect(retryDelayMs(10, settings, undefined, () => 1)).to.equal(60_000);
  });

  it('waits at least what Retry-After asks, still capped', () => {
    expect(retryDelayMs(1, settings, 30, () => 0.5)).to.equal(30_000);
    expect(retryDelayMs(1, settings, 3600, () => 0.5)).to.equal(60_000);
    expect(retryDelayMs(3, settings, 1, () => 0.5)).to.equal(20_000);
  });
});
