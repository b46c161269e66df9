import { expect } from 'chai';
import { parseRetryAfterMs, retryAfterMsFromHeaders } from './retry-after.js';

describe('Retry-After', () => {
  const now = Date.parse('Sun, 01 Jun 2025 12:00:00 GMT');

  it('reads delay-seconds and HTTP dates, and refuses what is neither', () => {
    expect(parseRetryAfterMs('3', now)).to.equal(3000);
    expect(parseRetryAfterMs(' 1.5 ', now)).to.equal(1500);
    expect(parseRetryAfterMs('Sun, 01 Jun 2025 12:00:05 GMT', now)).to.equal(5000);
    expect(parseRetryAfterMs('Sun, 01 Jun 2025 11:00:00 GMT', now)).to.equal(0);
    expect(parseRetryAfterMs('-1', now)).to.equal(undefined);
    expect(parseRetryAfterMs('soon', now)).to.equal(undefined);
    expect(parseRetryAfterMs('', now)).to.equal(undefined);
    expect(parseRetryAfterMs(null, now)).to.equal(undefined);
  });

  it('prefers retry-after-ms, and caps or ignores a longer ask as told', () => {
    expect(
      retryAfterMsFromHeaders(new Headers({ 'retry-after-ms': '20', 'retry-after': '9' }), { maxMs: 60_000, now }),
    ).to.equal(20);
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': '600' }), { maxMs: 60_000, now })).to.equal(60_000);
    expect(
      retryAfterMsFromHeaders(new Headers({ 'retry-after': '600' }), { maxMs: 60_000, whenLonger: 'ignore', now }),
    ).to.equal(undefined);
    expect(
      retryAfterMsFromHeaders(new Headers({ 'retry-after-ms': '90000', 'retry-after': '2' }), {
        maxMs: 60_000,
        whenLonger: 'ignore',
        now,
      }),
    ).to.equal(2000);
    expect(retryAfterMsFromHeaders(new Headers(), { maxMs: 60_000, now })).to.equal(undefined);
    expect(retryAfterMsFromHeaders(undefined, { maxMs: 60_000, now })).to.equal(undefined);
  });
});
