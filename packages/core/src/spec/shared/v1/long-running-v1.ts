import type { ArtifactStore } from '../../../artifacts/artifact-store.js';
import type { WarningV1 } from './warning-v1.js';
import type { UsageV1 } from './usage-v1.js';

/** Any JSON value: operations are persisted in Postgres between polls and restarts. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface StartResultV1 {
  /** Everything needed to ask about (or cancel) the remote work later. JSON-serialisable. */
  operation: JsonValue;
  /** The vendor's request id, stored on the step run to match webhooks. */
  externalId: string;
  /** How long to wait before the first poll; the runner's default otherwise. */
  pollAfterMs?: number;
  usage?: UsageV1;
  warnings?: WarningV1[];
  /**
   * Facts worth keeping on the job (e.g. the vendor's request id), merged into the job's metadata under
   * `steps["<step>[:<sceneIndex>]"]` in the same transaction that marks the step waiting.
   */
  metadata?: Record<string, JsonValue>;
}

export type StatusResultV1<Result> =
  | { status: 'pending'; progress?: number; pollAfterMs?: number }
  | {
      status: 'completed';
      result: Result;
      /** Merged into the job's metadata like `StartResultV1.metadata`, in the transaction that completes the step. */
      metadata?: Record<string, JsonValue>;
    }
  | { status: 'error'; message: string; retryable: boolean };

export interface StatusOptionsV1 {
  operation: JsonValue;
  abortSignal: AbortSignal;
  idempotencyKey: string;
  /** Where to copy the finished output (remote URLs expire). */
  artifacts: ArtifactStore;
  artifactPrefix: string;
}

/** An inbound HTTP request handed over raw, so signatures can be checked on the exact bytes. */
export interface WebhookRequestV1 {
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Query string parameters of the callback URL. */
  query: Record<string, string>;
}

export interface WebhookResultV1 {
  /** The external id the webhook is about; the runner finds the waiting step by it. */
  externalId: string;
  /** A unique delivery id, so a replayed delivery changes nothing. */
  deliveryId?: string;
  /** The status the webhook reports. `completed`/`error` make the runner confirm with `doStatus`. */
  status: 'pending' | 'completed' | 'error';
}

/** The long-running half of a provider spec: start remote work, then poll or wait for a webhook. */
export interface LongRunningV1<Options, Result> {
  doStart(options: Options): Promise<StartResultV1>;
  doStatus(options: StatusOptionsV1): Promise<StatusResultV1<Result>>;
  /** Verifies and parses a callback. Returns null when it is not for this provider. Throws on a bad signature. */
  parseWebhook?(request: WebhookRequestV1): Promise<WebhookResultV1 | null>;
  /** Cancels remote work where the vendor allows it. */
  doCancel?(options: Pick<StatusOptionsV1, 'operation' | 'abortSignal'>): Promise<void>;
}
