import { readFileSync } from 'node:fs';
import { ElevenLabs, ElevenLabsError, ElevenLabsTimeoutError } from '@elevenlabs/elevenlabs-js';
import { AbortedError, ProviderError } from '@looply/core';
import { expect } from 'chai';
import {
  DEFAULT_CONCURRENCY_RETRY_AFTER_MS,
  DEFAULT_SYSTEM_BUSY_RETRY_AFTER_MS,
  retryAfterFromHeaders,
  toProviderError,
} from './elevenlabs-error.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

function sdkError(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
  const rawResponse = {
    headers: new Headers(headers),
    redirected: false,
    status: statusCode,
    statusText: '',
    type: 'basic' as const,
    url: '',
  };
  return new ElevenLabsError({ statusCode, body, rawResponse });
}

function mapped(error: unknown, voiceId = 'Xb7hH8MSUJpSbSDYk0k2'): ProviderError {
  const result = toProviderError(error, { operation: 'text-to-speech for scene 1', voiceId });
  expect(ProviderError.isInstance(result), String(result)).to.equal(true);
  return result as ProviderError;
}

describe('toProviderError', () => {
  it('makes 401 invalid_api_key fatal, naming ElevenLabs and the variable to fix', () => {
    const error = mapped(sdkError(401, fixture('invalid-api-key.json'), { 'request-id': 'req123' }));
    expect(error.retryable).to.equal(false);
    expect(error.statusCode).to.equal(401);
    expect(error.code).to.equal('invalid_api_key');
    expect(error.provider).to.equal('elevenlabs');
    expect(error.message)
      .to.match(/^ElevenLabs rejected the API key/)
      .and.include('ELEVENLABS_API_KEY')
      .and.include('request-id req123');
  });

  it('makes 401 quota_exceeded fatal (ElevenLabs sends 401, not 429) with the vendor figures', () => {
    const error = mapped(sdkError(401, fixture('quota-exceeded.json')));
    expect(error.retryable).to.equal(false);
    expect(error.code).to.equal('quota_exceeded');
    expect(error.message)
      .to.include('ElevenLabs quota exceeded')
      .and.include('91 credits are required')
      .and.include('Add credits');
  });

  it('makes voice_not_found fatal and names the voice (404 today, 400 on older API versions)', () => {
    for (const status of [404, 400]) {
      const error = mapped(sdkError(status, fixture('voice-not-found.json')), 'Xb7hH8MSUJpSbSDYk0k2');
      expect(error.retryable).to.equal(false);
      expect(error.code).to.equal('voice_not_found');
      expect(error.message).to.include('ElevenLabs voice "Xb7hH8MSUJpSbSDYk0k2" was not found');
    }
  });

  it('shows every 422 validation issue as loc: msg', () => {
    const body = fixture('validation-error.json');
    const error = mapped(
      new ElevenLabs.UnprocessableEntityError(body as never, {
        headers: new Headers(),
        redirected: false,
        status: 422,
        statusText: '',
        type: 'basic',
        url: '',
      }),
    );
    expect(error.retryable).to.equal(false);
    expect(error.statusCode).to.equal(422);
    expect(error.message)
      .to.include('body.text: Field required')
      .and.include('body.voice_settings.stability: Input should be less than or equal to 1');
  });

  it('makes 429 too_many_concurrent_requests retryable with a default wait when no Retry-After is sent', () => {
    const error = mapped(sdkError(429, fixture('too-many-concurrent-requests.json')));
    expect(error.retryable).to.equal(true);
    expect(error.code).to.equal('too_many_concurrent_requests');
    expect(error.retryAfterMs).to.equal(DEFAULT_CONCURRENCY_RETRY_AFTER_MS);
  });

  it('makes 429 system_busy retryable with a longer default wait, or the Retry-After header', () => {
    expect(mapped(sdkError(429, fixture('system-busy.json'))).retryAfterMs).to.equal(
      DEFAULT_SYSTEM_BUSY_RETRY_AFTER_MS,
    );
    const withHeader = mapped(sdkError(429, fixture('system-busy.json'), { 'retry-after': '7' }));
    expect(withHeader.retryable).to.equal(true);
    expect(withHeader.retryAfterMs).to.equal(7000);
  });

  it('makes 5xx and 408 retryable', () => {
    for (const status of [500, 502, 503, 408])
      expect(mapped(sdkError(status, fixture('internal-server-error.json'))).retryable).to.equal(true);
    expect(mapped(sdkError(503, '<html>Service Unavailable</html>')).message).to.include('Service Unavailable');
  });

  it('makes network failures (no status) and timeouts retryable', () => {
    const network = mapped(
      new ElevenLabsError({ message: 'fetch failed', cause: new Error('connect ECONNREFUSED 127.0.0.1:9') }),
    );
    expect(network.retryable).to.equal(true);
    expect(network.message).to.include('Could not reach ElevenLabs');
    const timeout = mapped(
      new ElevenLabsTimeoutError('Timeout exceeded when calling POST /v1/text-to-speech/{voice_id}/with-timestamps.'),
    );
    expect(timeout.retryable).to.equal(true);
    expect(timeout.code).to.equal('timeout');
  });

  it('makes other 4xx fatal with the vendor message', () => {
    const error = mapped(
      sdkError(403, {
        detail: { status: 'only_for_creator+', message: 'This voice is only available for creator+ tiers.' },
      }),
    );
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('only available for creator+');
  });

  it('turns any error into AbortedError once the signal has fired', () => {
    const controller = new AbortController();
    controller.abort();
    const result = toProviderError(new ElevenLabsError({ message: 'The user aborted a request' }), {
      operation: 'x',
      abortSignal: controller.signal,
    });
    expect(result).to.be.instanceOf(AbortedError);
  });

  it('makes an unexpected response shape fatal (retrying would pay again for the same garbage)', () => {
    const error = mapped(new TypeError('response -> alignment: Expected object'));
    expect(error.retryable).to.equal(false);
    expect(error.code).to.equal('invalid-response');
  });
});

describe('retryAfterFromHeaders', () => {
  it('reads seconds, an HTTP date and retry-after-ms, and caps absurd values', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '3' }), now)).to.equal(3000);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).to.equal(5000);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '250' }), now)).to.equal(250);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '86400' }), now)).to.equal(300_000);
    expect(retryAfterFromHeaders(new Headers({}), now)).to.equal(undefined);
  });
});
