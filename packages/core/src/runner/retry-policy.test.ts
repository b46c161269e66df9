import { expect } from 'chai';
import { LooplyError } from '../errors/looply-error.js';
import { AbortedError, ProviderError } from '../errors/provider-error.js';
import { decideOnError, retryDelayMs } from './retry-policy.js';

const settings = { maxAttempts: 5, retryBaseDelayMs: 1000, retryMaxDelayMs: 8000 };
const live = new AbortController().signal;

describe('retry policy', () => {
  describe('decideOnError', () => {
    it('follows ProviderError.retryable and keeps the vendor code (or the HTTP status) and retryAfterMs', () => {
      expect(
        decideOnError(
          new ProviderError({
            provider: 'p',
            message: 'slow down',
            retryable: true,
            retryAfterMs: 1500,
            statusCode: 429,
          }),
          live,
        ),
      ).to.deep.equal({
        kind: 'retry',
        message: 'slow down',
        code: 'http-429',
        retryAfterMs: 1500,
      });
      expect(
        decideOnError(
          new ProviderError({ provider: 'p', message: 'bad key', retryable: false, code: 'invalid_api_key' }),
          live,
        ),
      ).to.deep.equal({
        kind: 'fail',
        message: 'bad key',
        code: 'invalid_api_key',
      });
    });

    it('treats an abort (our signal fired, or AbortedError) as aborted, never as a failure', () => {
      const controller = new AbortController();
      controller.abort('cancelled');
      expect(decideOnError(new Error('whatever the provider threw'), controller.signal)).to.deep.equal({
        kind: 'aborted',
      });
      expect(decideOnError(new AbortedError(), live)).to.deep.equal({ kind: 'aborted' });
    });

    it('fails on our own LooplyError (an invalid provider result) and retries unexpected exceptions', () => {
      expect(decideOnError(new LooplyError('invalid-provider-output', 'bad narration'), live)).to.deep.equal({
        kind: 'fail',
        message: 'bad narration',
        code: 'invalid-provider-output',
      });
      expect(decideOnError(new TypeError('fetch failed'), live)).to.deep.equal({
        kind: 'retry',
        message: 'TypeError: fetch failed',
        code: 'unexpected-error',
      });
      expect(decideOnError('a string', live)).to.include({ kind: 'retry', code: 'unexpected-error' });
    });
  });

  describe('retryDelayMs', () => {
    it('doubles per attempt from the base, half of it jittered, capped at the maximum', () => {
      expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, settings, undefined, () => 0))).to.deep.equal([
        500, 1000, 2000, 4000, 4000,
      ]);
      expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, settings, undefined, () => 1))).to.deep.equal([
        1000, 2000, 4000, 8000, 8000,
      ]);
    });

    it('never comes back sooner than the vendor’s retryAfterMs, even above the maximum', () => {
      expect(retryDelayMs(1, settings, 3000, () => 0)).to.equal(3000);
      expect(retryDelayMs(1, settings, 20_000, () => 1)).to.equal(20_000);
      expect(retryDelayMs(4, settings, 100, () => 1)).to.equal(8000);
    });
  });
});
