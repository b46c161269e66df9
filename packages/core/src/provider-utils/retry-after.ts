/** Something headers can be read from: a fetch `Headers`, or a plain lookup. */
export interface HeaderSource {
  get(name: string): string | null | undefined;
}

export interface RetryAfterOptions {
  /** The longest wait we accept from a vendor. */
  maxMs: number;
  /** A longer ask: `cap` waits `maxMs`, `ignore` leaves the wait to the runner's backoff. Default `cap`. */
  whenLonger?: 'cap' | 'ignore';
  /** The clock for HTTP dates (tests). */
  now?: number;
}

/** Five minutes: longer than any vendor's rate-limit window we know, short enough to notice a stuck job. */
export const DEFAULT_RETRY_AFTER_MAX_MS = 5 * 60_000;

/** A `Retry-After` value in milliseconds: delay-seconds (`"3"`, `"1.5"`) or an HTTP date. Uncapped; undefined when unreadable. */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long a vendor asks us to wait: `retry-after-ms` (sent by OpenAI and some proxies) first,
 * then `Retry-After` (seconds or an HTTP date), limited to `maxMs`.
 */
export function retryAfterMsFromHeaders(
  headers: HeaderSource | undefined,
  options: RetryAfterOptions,
): number | undefined {
  if (!headers) return undefined;
  const limit = (ms: number | undefined): number | undefined => {
    if (ms === undefined) return undefined;
    if (ms <= options.maxMs) return ms;
    return (options.whenLonger ?? 'cap') === 'cap' ? options.maxMs : undefined;
  };
  const milliseconds = headers.get('retry-after-ms')?.trim();
  const fromMilliseconds = milliseconds ? Number(milliseconds) : Number.NaN;
  const first =
    Number.isFinite(fromMilliseconds) && fromMilliseconds >= 0 ? limit(Math.ceil(fromMilliseconds)) : undefined;
  return first ?? limit(parseRetryAfterMs(headers.get('retry-after'), options.now));
}
