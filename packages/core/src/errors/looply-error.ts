/** A user-facing error with a stable code, e.g. `validation`, `not-found`, `provider-not-registered`. */
export class LooplyError extends Error {
  override readonly name = 'LooplyError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
