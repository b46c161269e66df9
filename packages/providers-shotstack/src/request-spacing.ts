import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces calls at least `intervalMs` apart (Shotstack's free plan allows 1 request/s, polling
 * included). Calls queue in order; waiting stops when the signal aborts.
 */
export class RequestSpacing {
  private next = 0;

  constructor(private readonly intervalMs: number) {}

  async wait(signal: AbortSignal): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await sleep(at - now, undefined, { signal });
  }
}
