import { readFileSync } from 'node:fs';
import { testVoiceProvider } from '@looply/core/testing';
import { createElevenLabs } from './elevenlabs-provider.js';
import { DEFAULT_CONCURRENCY_RETRY_AFTER_MS } from './elevenlabs-error.js';
import {
  startFakeElevenLabsServer,
  type FakeElevenLabsAnswer,
  type FakeElevenLabsServer,
} from './testing/fake-elevenlabs-server.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe('@looply/providers-elevenlabs', () => {
  let fake: FakeElevenLabsServer;
  before(async () => {
    fake = await startFakeElevenLabsServer();
  });
  after(() => fake.close());

  // Every scene fails the same way, whichever request reaches the fake first.
  const failEveryRequest = (answer: FakeElevenLabsAnswer) => () => {
    fake.reset();
    fake.respondNext(answer, 10);
  };

  testVoiceProvider({
    title: 'ElevenLabs voice provider conformance',
    createProvider: () => createElevenLabs({ apiKey: fake.apiKey, baseURL: fake.url, voiceName: 'Rachel' }).voice(),
    timeoutMs: 20_000,
    // Captions come from the vendor's alignment and the audio is measured: no slack needed.
    timingToleranceSec: 0.001,
    errorCases: [
      {
        name: '401 invalid_api_key',
        arrange: failEveryRequest({ status: 401, body: fixture('invalid-api-key.json') }),
        expect: { retryable: false, messageIncludes: 'ElevenLabs rejected the API key' },
      },
      {
        name: '401 quota_exceeded',
        arrange: failEveryRequest({ status: 401, body: fixture('quota-exceeded.json') }),
        expect: { retryable: false, messageIncludes: 'ElevenLabs quota exceeded' },
      },
      {
        name: '422 validation',
        arrange: failEveryRequest({ status: 422, body: fixture('validation-error.json') }),
        expect: { retryable: false, messageIncludes: 'body.text: Field required' },
      },
      {
        name: '429 too_many_concurrent_requests without Retry-After',
        arrange: failEveryRequest({ status: 429, body: fixture('too-many-concurrent-requests.json') }),
        expect: { retryable: true, retryAfterMs: DEFAULT_CONCURRENCY_RETRY_AFTER_MS },
      },
      {
        name: '429 system_busy with Retry-After: 4',
        arrange: failEveryRequest({ status: 429, body: fixture('system-busy.json'), headers: { 'retry-after': '4' } }),
        expect: { retryable: true, retryAfterMs: 4000 },
      },
      {
        name: '500 internal error',
        arrange: failEveryRequest({ status: 500, body: fixture('internal-server-error.json') }),
        expect: { retryable: true },
      },
    ],
  });
});
