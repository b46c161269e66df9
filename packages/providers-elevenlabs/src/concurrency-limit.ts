import { AbortedError } from '@looply/core';

/**
 * A small semaphore: at most `max` tasks run at once, the rest wait in arrival order.
 * ElevenLabs counts concurrent requests per account, so one limit is shared by every call
 * of a provider instance.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`ConcurrencyLimit needs a positive integer, got ${max}`);
  }

  /** Tasks currently holding a slot. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` once a slot is free; rejects with `AbortedError` if `signal` fires while waiting. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted)
      return Promise.reject(new AbortedError('Aborted while waiting for an ElevenLabs request slot'));
    if (this.running < this.max) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.running += 1;
        resolve();
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new AbortedError('Aborted while waiting for an ElevenLabs request slot'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.running -= 1;
    const next = this.waiting.shift();
    if (next) next();
  }
}
