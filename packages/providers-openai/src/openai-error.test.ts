import { AbortedError, ProviderError } from '@looply/core';
import { expect } from 'chai';
import OpenAI, { APIConnectionError, APIUserAbortError } from 'openai';
import { loadFixture } from './__fixtures__/fixtures.js';
import { mapOpenAIError, retryAfterMsFromHeaders, retryAfterMsFromMessage } from './openai-error.js';
import { startFakeOpenAIServer, type FakeAnswer, type FakeOpenAIServer } from './testing/index.js';

describe('mapOpenAIError', () => {
  let fake: FakeOpenAIServer;
  before(async () => {
    fake = await startFakeOpenAIServer();
  });
  after(() => fake.close());
  beforeEach(() => fake.reset());

  /** What the real SDK throws for `answer`, mapped. */
  async function mapped(answer: FakeAnswer): Promise<ProviderError> {
    fake.enqueue('chat', answer);
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: fake.baseURL, maxRetries: 0 });
    try {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    } catch (error) {
      const result = mapOpenAIError(error, { operation: 'script generation' });
      expect(result).to.be.instanceOf(ProviderError);
      return result as ProviderError;
    }
    throw new Error('expected the SDK call to fail');
  }

  it('makes 401 invalid_api_key fatal, naming OpenAI and what to fix', async () => {
    const error = await mapped({ status: 401, json: await loadFixture('error-401-invalid-api-key.json') });
    expect(error.retryable).to.equal(false);
    expect(error.provider).to.equal('openai');
    expect(error.statusCode).to.equal(401);
    expect(error.code).to.equal('invalid_api_key');
    expect(error.message).to.match(/^OpenAI rejected the API key \(401 invalid_api_key\): set a valid OPENAI_API_KEY/);
    expect(error.message).to.match(/\(request req_[0-9a-f]+\)$/);
  });

  it('makes 429 insufficient_quota fatal, pointing at billing', async () => {
    const error = await mapped({ status: 429, json: await loadFixture('error-429-insufficient-quota.json') });
    expect(error.retryable).to.equal(false);
    expect(error.code).to.equal('insufficient_quota');
    expect(error.message).to.match(/OpenAI quota exhausted.*billing/);
  });

  it('makes 429 rate_limit_exceeded retryable with retry-after-ms', async () => {
    const error = await mapped({
      status: 429,
      headers: { 'retry-after-ms': '750.5' },
      json: await loadFixture('error-429-rate-limit-exceeded.json'),
    });
    expect(error.retryable).to.equal(true);
    expect(error.retryAfterMs).to.equal(751);
    expect(error.code).to.equal('rate_limit_exceeded');
  });

  it('falls back to retry-after seconds, then to the "try again in" hint of the message', async () => {
    expect(
      (
        await mapped({
          status: 429,
          headers: { 'retry-after': '3' },
          json: await loadFixture('error-429-rate-limit-exceeded.json'),
        })
      ).retryAfterMs,
    ).to.equal(3000);
    expect(
      (await mapped({ status: 429, json: await loadFixture('error-429-rate-limit-exceeded.json') })).retryAfterMs,
    ).to.equal(202);
  });

  for (const status of [500, 502, 503, 408, 409]) {
    it(`makes ${status} retryable`, async () => {
      const error = await mapped({ status, json: await loadFixture('error-500-server-error.json') });
      expect(error.retryable).to.equal(true);
      expect(error.statusCode).to.equal(status);
    });
  }

  it('makes 400 model_not_found fatal and hints at the model id', async () => {
    const error = await mapped({ status: 400, json: await loadFixture('error-400-model-not-found.json') });
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('gpt-9-turbo');
  });

  it('makes 404 fatal and reminds that the base URL ends in /v1', async () => {
    const error = await mapped({
      status: 404,
      json: {
        error: {
          message: 'Invalid URL (POST /chat/completions)',
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      },
    });
    expect(error.retryable).to.equal(false);
    expect(error.message).to.include('/v1');
  });

  it('makes a refused connection retryable and names OPENAI_BASE_URL', async () => {
    const closed = await startFakeOpenAIServer();
    const baseURL = closed.baseURL;
    await closed.close();
    const client = new OpenAI({ apiKey: 'sk-test', baseURL, maxRetries: 0 });
    const thrown = await client.models.list().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).to.be.instanceOf(APIConnectionError);
    const error = mapOpenAIError(thrown, { operation: 'script generation' }) as ProviderError;
    expect(error.retryable).to.equal(true);
    expect(error.message).to.include('OPENAI_BASE_URL');
  });

  it('maps an SDK abort, or any error after the signal fired, to AbortedError', () => {
    expect(mapOpenAIError(new APIUserAbortError(), { operation: 'speech' })).to.be.instanceOf(AbortedError);
    const controller = new AbortController();
    controller.abort();
    expect(
      mapOpenAIError(new Error('socket hang up'), { operation: 'speech', abortSignal: controller.signal }),
    ).to.be.instanceOf(AbortedError);
  });
});

describe('retryAfterMsFromHeaders', () => {
  it('prefers retry-after-ms, accepts seconds and HTTP dates, ignores waits over a minute', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after-ms': '20', 'retry-after': '9' }), now)).to.equal(20);
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': '1.5' }), now)).to.equal(1500);
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': 'Sun, 01 Jun 2025 12:00:05 GMT' }), now)).to.equal(
      5000,
    );
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': '600' }), now)).to.equal(undefined);
    expect(retryAfterMsFromHeaders(new Headers({ 'retry-after': 'soon' }), now)).to.equal(undefined);
    expect(retryAfterMsFromHeaders(new Headers(), now)).to.equal(undefined);
  });

  it('reads the "try again in" hint of rate-limit messages', () => {
    expect(retryAfterMsFromMessage('Please try again in 644ms. Visit')).to.equal(644);
    expect(retryAfterMsFromMessage('Please try again in 1.5s.')).to.equal(1500);
    expect(retryAfterMsFromMessage('Please try again in 20m')).to.equal(undefined);
  });
});
