/** An error with an HTTP status and a stable code; the error handler writes it as `{ error: { code, message, details? } }`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function notFound(what: string): HttpError {
  return new HttpError(404, 'not-found', `${what} was not found`);
}

export function unauthorized(message = 'Authentication required: send "Authorization: Bearer <token>"'): HttpError {
  return new HttpError(401, 'unauthorized', message);
}
