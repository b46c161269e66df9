import { randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ProviderError, throwIfAborted } from '../errors/provider-error.js';
import { parseWith } from '../errors/validation.js';
import type { CallOptionsV1 } from '../spec/shared/v1/call-options-v1.js';
import type {
  JsonValue,
  StartResultV1,
  StatusOptionsV1,
  StatusResultV1,
  WebhookRequestV1,
  WebhookResultV1,
} from '../spec/shared/v1/long-running-v1.js';

/** Options of the mocks that can be long-running (visual, assembly). */
export interface MockLongRunningOptions {
  /** `short` implements `doGenerate`; `long-running` implements `doStart`/`doStatus`/`parseWebhook`/`doCancel`. Default `short`. */
  mode?: 'short' | 'long-running';
  /** Long-running: `doStatus` answers `pending` this many times before `completed`. Default 1. */
  pendingPolls?: number;
  /** Long-running: when false, operations stay pending until `complete(externalId)` is called. Default true. */
  autoComplete?: boolean;
  /** Long-running: the `pollAfterMs` hint returned by `doStart` and pending statuses. Default 0. */
  pollAfterMs?: number;
  /** Long-running: when set, `parseWebhook` requires this value in `webhookSecretHeader` and throws otherwise. */
  webhookSecret?: string;
  /** Header carrying the webhook secret. Default `x-mock-webhook-secret`. */
  webhookSecretHeader?: string;
  /** Long-running: thrown one by one by successive `doStatus` calls before they answer normally. */
  statusFailures?: Error[];
}

export const mockLongRunningOptionsSchema = z.strictObject({
  mode: z.enum(['short', 'long-running']).default('short'),
  pendingPolls: z.number().int().min(0).default(1),
  autoComplete: z.boolean().default(true),
  pollAfterMs: z.number().int().min(0).default(0),
  webhookSecret: z.string().min(1).optional(),
  webhookSecretHeader: z
    .string()
    .regex(/^[a-z0-9-]+$/i, 'must be an HTTP header name')
    .default('x-mock-webhook-secret'),
  statusFailures: z.array(z.instanceof(Error)).default([]),
});

/** The mock vendor's view of one remote operation. */
export interface MockRemoteOperation {
  externalId: string;
  idempotencyKey: string;
  state: 'running' | 'completed' | 'error' | 'cancelled';
  /** `doStatus` calls answered so far. */
  polls: number;
  error?: { message: string; retryable: boolean };
}

export interface MockWebhookBody {
  externalId: string;
  status: 'pending' | 'completed' | 'error';
  deliveryId?: string;
}

/** Test controls of a long-running mock: its "remote" operations and helpers to drive them. */
export interface MockLongRunningControls {
  /** The options of every `doStatus` call, in order. */
  readonly statusCalls: StatusOptionsV1[];
  /** The options of every `doCancel` call, in order. */
  readonly cancelCalls: Array<Pick<StatusOptionsV1, 'operation' | 'abortSignal'>>;
  /** Remote operations by external id. */
  readonly operations: ReadonlyMap<string, MockRemoteOperation>;
  /** Makes the next `doStatus` of this operation answer `completed`. */
  complete(externalId: string): void;
  /** Makes the next `doStatus` of this operation answer `error`. */
  fail(externalId: string, error: { message: string; retryable?: boolean }): void;
  /** A webhook request this mock's `parseWebhook` accepts (carrying the secret when one is configured). */
  createWebhookRequest(body: MockWebhookBody): WebhookRequestV1;
}

const operationSchema = z.looseObject({ externalId: z.string().min(1) });
export type MockOperation = z.infer<typeof operationSchema>;

const webhookBodySchema = z.object({
  externalId: z.string().min(1),
  status: z.enum(['pending', 'completed', 'error']),
  deliveryId: z.string().min(1).nullish(),
});

type Settings = z.output<typeof mockLongRunningOptionsSchema>;

function headerValue(headers: WebhookRequestV1['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function sameSecret(received: string, expected: string): boolean {
  const receivedBytes = Buffer.from(received);
  const expectedBytes = Buffer.from(expected);
  return receivedBytes.length === expectedBytes.length && timingSafeEqual(receivedBytes, expectedBytes);
}

/**
 * The "vendor side" of a long-running mock: operations keyed by external id, counted polls,
 * idempotent starts (the same idempotency key returns the same operation), webhooks, cancel.
 */
export class MockRemoteWork<Result> implements MockLongRunningControls {
  readonly statusCalls: StatusOptionsV1[] = [];
  readonly cancelCalls: Array<Pick<StatusOptionsV1, 'operation' | 'abortSignal'>> = [];
  private readonly byExternalId = new Map<string, MockRemoteOperation>();
  private readonly byIdempotencyKey = new Map<string, string>();
  private readonly pendingStatusFailures: Error[];

  constructor(
    private readonly providerId: string,
    private readonly settings: Settings,
    private readonly produce: (operation: MockOperation, options: StatusOptionsV1) => Promise<Result>,
  ) {
    this.pendingStatusFailures = [...settings.statusFailures];
  }

  get operations(): ReadonlyMap<string, MockRemoteOperation> {
    return this.byExternalId;
  }

  /**
   * The long-running members of a mock provider backed by this remote work: `enter` records the
   * call (and throws its queued failure), `inputsOf` picks what `produce` needs later.
   */
  providerMembers<Options extends CallOptionsV1>(
    enter: (options: Options) => Promise<void>,
    inputsOf: (options: Options) => Record<string, JsonValue>,
  ) {
    return {
      statusCalls: this.statusCalls,
      cancelCalls: this.cancelCalls,
      // The live map: later starts show up in it.
      operations: this.byExternalId as ReadonlyMap<string, MockRemoteOperation>,
      doStart: async (callOptions: Options): Promise<StartResultV1> => {
        await enter(callOptions);
        return this.start(callOptions, inputsOf(callOptions));
      },
      doStatus: (statusOptions: StatusOptionsV1) => this.status(statusOptions),
      parseWebhook: (request: WebhookRequestV1) => this.parseWebhook(request),
      doCancel: (cancelOptions: Pick<StatusOptionsV1, 'operation' | 'abortSignal'>) => this.cancel(cancelOptions),
      complete: (externalId: string) => this.complete(externalId),
      fail: (externalId: string, error: { message: string; retryable?: boolean }) => this.fail(externalId, error),
      createWebhookRequest: (body: MockWebhookBody) => this.createWebhookRequest(body),
    };
  }

  /** Starts (or, for a repeated idempotency key, finds) an operation; `inputs` are what `produce` needs later. */
  start(callOptions: CallOptionsV1, inputs: Record<string, JsonValue>): StartResultV1 {
    const existing = this.byIdempotencyKey.get(callOptions.idempotencyKey);
    const externalId = existing ?? `mock-${randomUUID()}`;
    if (!existing) {
      this.byIdempotencyKey.set(callOptions.idempotencyKey, externalId);
      this.byExternalId.set(externalId, {
        externalId,
        idempotencyKey: callOptions.idempotencyKey,
        state: 'running',
        polls: 0,
      });
    }
    return { operation: { ...inputs, externalId }, externalId, pollAfterMs: this.settings.pollAfterMs, warnings: [] };
  }

  async status(options: StatusOptionsV1): Promise<StatusResultV1<Result>> {
    this.statusCalls.push(options);
    throwIfAborted(options.abortSignal);
    const failure = this.pendingStatusFailures.shift();
    if (failure) throw failure;
    const operation = parseWith(
      operationSchema,
      options.operation,
      `mock provider "${this.providerId}" doStatus operation`,
    );
    const remote = this.find(operation.externalId);
    if (remote.state === 'cancelled')
      return { status: 'error', message: `Operation ${remote.externalId} was cancelled`, retryable: false };
    if (remote.state === 'error' && remote.error) return { status: 'error', ...remote.error };
    if (remote.state === 'running') {
      remote.polls += 1;
      if (this.settings.autoComplete && remote.polls > this.settings.pendingPolls) remote.state = 'completed';
    }
    if (remote.state !== 'completed') {
      if (!this.settings.autoComplete) return { status: 'pending', pollAfterMs: this.settings.pollAfterMs };
      return {
        status: 'pending',
        progress: Math.min(1, remote.polls / (this.settings.pendingPolls + 1)),
        pollAfterMs: this.settings.pollAfterMs,
      };
    }
    const result = await this.produce(operation, options);
    return { status: 'completed', result };
  }

  async cancel(options: Pick<StatusOptionsV1, 'operation' | 'abortSignal'>): Promise<void> {
    this.cancelCalls.push(options);
    throwIfAborted(options.abortSignal);
    const operation = parseWith(
      operationSchema,
      options.operation,
      `mock provider "${this.providerId}" doCancel operation`,
    );
    const remote = this.find(operation.externalId);
    if (remote.state === 'running') remote.state = 'cancelled';
  }

  async parseWebhook(request: WebhookRequestV1): Promise<WebhookResultV1 | null> {
    if (this.settings.webhookSecret !== undefined) {
      const received = headerValue(request.headers, this.settings.webhookSecretHeader);
      if (received === undefined || !sameSecret(received, this.settings.webhookSecret)) {
        throw new ProviderError({
          provider: this.providerId,
          message: `Webhook rejected: header "${this.settings.webhookSecretHeader}" is ${received === undefined ? 'missing' : 'wrong'}`,
          retryable: false,
          statusCode: 401,
        });
      }
    }
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8'));
    } catch {
      return null;
    }
    const parsed = webhookBodySchema.safeParse(json);
    if (!parsed.success) return null;
    const { externalId, status, deliveryId } = parsed.data;
    return deliveryId ? { externalId, status, deliveryId } : { externalId, status };
  }

  complete(externalId: string): void {
    const remote = this.find(externalId);
    remote.state = 'completed';
  }

  fail(externalId: string, error: { message: string; retryable?: boolean }): void {
    const remote = this.find(externalId);
    remote.state = 'error';
    remote.error = { message: error.message, retryable: error.retryable ?? false };
  }

  createWebhookRequest(body: MockWebhookBody): WebhookRequestV1 {
    const headers: WebhookRequestV1['headers'] = { 'content-type': 'application/json' };
    if (this.settings.webhookSecret !== undefined)
      headers[this.settings.webhookSecretHeader.toLowerCase()] = this.settings.webhookSecret;
    return { headers, body: Buffer.from(JSON.stringify(body)), query: {} };
  }

  private find(externalId: string): MockRemoteOperation {
    const remote = this.byExternalId.get(externalId);
    if (!remote) {
      throw new ProviderError({
        provider: this.providerId,
        message: `Unknown operation "${externalId}": this mock provider never started it`,
        retryable: false,
        statusCode: 404,
      });
    }
    return remote;
  }
}
