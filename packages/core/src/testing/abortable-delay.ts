import { AbortedError, throwIfAborted } from '../errors/provider-error.js';

/** Waits `ms`, rejecting with `AbortedError` as soon as `signal` fires (or at once if it already has). */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError(typeof signal.reason === 'string' ? signal.reason : undefined));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
