import { testVisualProvider } from '@looply/core/testing';
import { startFakeComfyWrapper, type FakeComfyWrapper } from './testing/index.js';
import { wanRequestId } from './wan-request-id.js';
import { WanVisualModel } from './wan-visual-model.js';

const TOKEN = 'wan-conformance-token';

describe('@looply/providers-vast', () => {
  let fake: FakeComfyWrapper;
  before(async () => {
    fake = await startFakeComfyWrapper({ apiToken: TOKEN, generationMs: 20 });
  });
  after(() => fake.close());

  testVisualProvider({
    title: 'WAN 2.2 (Vast) visual provider conformance',
    createProvider: () => new WanVisualModel({ endpointUrl: fake.url, apiToken: TOKEN, pollIntervalMs: 20 }),
    timeoutMs: 30_000,
    // The wrapper's `request_id` is derived from the idempotency key.
    idempotencyKeySeen: (key) =>
      fake
        .requestsTo('generate')
        .some(
          (request) => (request.body as { input?: { request_id?: string } }).input?.request_id === wanRequestId(key, 1),
        ),
    errorCases: [
      {
        name: '401 from the instance auth',
        arrange: () => {
          fake.reset();
          fake.rotateApiToken('a-newer-token');
        },
        expect: { retryable: false, messageIncludes: 'WAN_API_TOKEN' },
      },
      {
        name: '503 queue full with Retry-After: 5',
        arrange: () => {
          fake.reset();
          fake.rejectNextGenerate({ status: 503, retryAfterSeconds: 5 });
        },
        expect: { retryable: true, retryAfterMs: 5000 },
      },
      {
        name: 'failed generation (attempt 1 of 3: retried by the runner)',
        arrange: () => {
          fake.reset();
          fake.enqueueOutcomes({ type: 'fail', message: 'Prompt outputs failed validation' });
        },
        expect: { retryable: true, messageIncludes: 'Prompt outputs failed validation' },
      },
    ],
  });
});
