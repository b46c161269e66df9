export interface ProviderErrorOptions {
  /** Provider id, e.g. `openai`. */
  provider: string;
  message: string;
  /** 429, 5xx and timeouts are retryable; auth, validation and refused content are not. */
  retryable: boolean;
  /** How long the vendor asked us to wait, when it said. */
  retryAfterMs?: number;
  /** The vendor's HTTP status, when there was one. */
  statusCode?: number;
  /** The vendor's error code, e.g. `insufficient_quota`. */
  code?: string;
  cause?: unknown;
}

/** The one error type a provider throws. The runner retries it or fails the job from `retryable`. */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly provider: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly statusCode?: number;
  readonly code?: string;

  constructor(options: ProviderErrorOptions) {
    super(options.message, { cause: options.cause });
    this.provider = options.provider;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.statusCode = options.statusCode;
    this.code = options.code;
  }

  static isInstance(error: unknown): error is ProviderError {
    return (
      error instanceof ProviderError ||
      (error instanceof Error && error.name === 'ProviderError' && 'retryable' in error)
    );
  }
}

/** Thrown by a provider when its `abortSignal` fired. Never retried. */
export class AbortedError extends Error {
  override readonly name = 'AbortedError';
  constructor(message = 'The operation was aborted') {
    super(message);
  }
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AbortedError(typeof signal.reason === 'string' ? signal.reason : undefined);
}
