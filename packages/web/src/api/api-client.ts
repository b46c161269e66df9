import { loadSession, saveSession } from './session';

/** An issue of a 400 `validation` error: the path of the field and what is wrong with it. */
export interface FieldIssue {
  path: Array<string | number>;
  message: string;
}

/** The API's error body `{ error: { code, message, details? } }`, thrown. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Field → message, from a `validation` error's zod issues (first message per top-level field). */
  fieldErrors(): Record<string, string> {
    if (this.code !== 'validation' || !Array.isArray(this.details)) return {};
    const errors: Record<string, string> = {};
    for (const issue of this.details as FieldIssue[]) {
      const field = String(issue.path?.[0] ?? '');
      if (field && !errors[field]) errors[field] = issue.message;
    }
    return errors;
  }
}

/** Called when a token is refused (expired, revoked, disabled): the app goes back to sign-in with the reason. */
let onUnauthorized: (message: string) => void = () => undefined;
export function setUnauthorizedHandler(handler: (message: string) => void): void {
  onUnauthorized = handler;
}

export function authorizationHeader(): Record<string, string> {
  const session = loadSession();
  return session ? { Authorization: `Bearer ${session.token}` } : {};
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code: string; message: string; details?: unknown };
  } | null;
  return new ApiError(
    response.status,
    body?.error?.code ?? 'http-error',
    body?.error?.message ?? `${response.status} ${response.statusText}`,
    body?.error?.details,
  );
}

/** Handles a refused token once for every caller: forget it and go to sign-in saying why. */
export async function checkResponse(response: Response, authenticated: boolean): Promise<Response> {
  if (response.ok) return response;
  const error = await toApiError(response);
  // `unauthorized` is the token guard's refusal; a wrong current password (`invalid-credentials`) is not.
  if (response.status === 401 && error.code === 'unauthorized' && authenticated && loadSession()) {
    saveSession(null);
    onUnauthorized(error.message);
  }
  throw error;
}

/** JSON over `/api/v1` with the session's bearer token. */
export async function api<T>(
  path: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const authenticated = loadSession() !== null;
  const response = await fetch(`/api/v1${path}`, {
    method: options.method ?? 'GET',
    headers: {
      ...authorizationHeader(),
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  await checkResponse(response, authenticated);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
