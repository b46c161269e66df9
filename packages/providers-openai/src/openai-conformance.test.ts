import {
  testScriptProvider,
  testVisualProvider,
  testVoiceProvider,
  type ConformanceErrorCase,
} from '@looply/core/testing';
import { createOpenAI } from './openai-provider.js';
import {
  finishReasonAnswer,
  insufficientQuotaAnswer,
  invalidApiKeyAnswer,
  rateLimitAnswer,
  refusalAnswer,
  serverErrorAnswer,
  startFakeOpenAIServer,
  type FakeAnswer,
  type FakeOpenAIServer,
  type FakeRoute,
} from './testing/index.js';

const API_KEY = 'sk-test-conformance';

describe('@looply/providers-openai', () => {
  let fake: FakeOpenAIServer;
  before(async () => {
    fake = await startFakeOpenAIServer({ apiKey: API_KEY });
  });
  after(() => fake.close());

  const openai = () => createOpenAI({ apiKey: API_KEY, baseURL: fake.baseURL });
  // The voice sends `<key>:scene-<n>` per scene request, so a key "reached the vendor" when one starts with it.
  const idempotencyKeySeen = (key: string) =>
    fake.requests.some((request) => request.headers['idempotency-key']?.startsWith(key));
  // The next request of the route fails; a fresh log and queue per case.
  const failNext = (route: FakeRoute, answer: FakeAnswer) => () => {
    fake.reset();
    fake.enqueue(route, answer);
  };
  const sharedErrorCases = (route: FakeRoute): ConformanceErrorCase[] => [
    {
      name: '401 invalid_api_key',
      arrange: failNext(route, invalidApiKeyAnswer()),
      expect: { retryable: false, messageIncludes: 'OpenAI rejected the API key' },
    },
    {
      name: '429 insufficient_quota',
      arrange: failNext(route, insufficientQuotaAnswer()),
      expect: { retryable: false, messageIncludes: 'OpenAI quota exhausted' },
    },
    {
      name: '429 rate_limit_exceeded with retry-after-ms: 1200',
      arrange: failNext(route, rateLimitAnswer({ retryAfterMs: 1200 })),
      expect: { retryable: true, retryAfterMs: 1200 },
    },
    {
      name: '429 rate_limit_exceeded with retry-after: 2',
      arrange: failNext(route, rateLimitAnswer({ retryAfterSec: 2 })),
      expect: { retryable: true, retryAfterMs: 2000 },
    },
    { name: '500 server_error', arrange: failNext(route, serverErrorAnswer()), expect: { retryable: true } },
    { name: '503 server_error', arrange: failNext(route, serverErrorAnswer(503)), expect: { retryable: true } },
  ];

  testScriptProvider({
    title: 'OpenAI script provider conformance',
    createProvider: () => openai().script(),
    timeoutMs: 20_000,
    idempotencyKeySeen,
    errorCases: [
      ...sharedErrorCases('chat'),
      {
        name: 'refusal',
        arrange: failNext('chat', refusalAnswer()),
        expect: { retryable: false, messageIncludes: 'refused to write the script' },
      },
      {
        name: 'finish_reason length',
        arrange: failNext('chat', finishReasonAnswer('length')),
        expect: { retryable: false, messageIncludes: 'finish_reason "length"' },
      },
      {
        name: 'finish_reason content_filter',
        arrange: failNext('chat', finishReasonAnswer('content_filter')),
        expect: { retryable: false, messageIncludes: 'content filter' },
      },
    ],
  });

  testVoiceProvider({
    title: 'OpenAI voice provider conformance',
    createProvider: () => openai().voice(),
    timeoutMs: 20_000,
    // Scene boundaries are measured from the audio of each scene.
    timingToleranceSec: 0.001,
    idempotencyKeySeen,
    errorCases: sharedErrorCases('speech'),
  });

  testVisualProvider({
    title: 'OpenAI visual provider conformance',
    createProvider: () => openai().visual(),
    timeoutMs: 20_000,
    idempotencyKeySeen,
    errorCases: sharedErrorCases('images'),
  });
});
