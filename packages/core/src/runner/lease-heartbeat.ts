import type Logger from 'bunyan';
import type { StepRunStore } from './step-run-store.js';

/**
 * Renews a running step's lease every third of the lease. When the lease is gone (the step was
 * cancelled or another worker took it over) or could not be renewed before it ran out (database
 * unreachable), `onLost` fires so the step stops: its late write would be refused anyway.
 */
export class LeaseHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private lastRenewedAt = Date.now();
  private stopped = false;

  constructor(
    private readonly store: StepRunStore,
    private readonly stepRunId: string,
    private readonly leaseToken: string,
    private readonly leaseMs: number,
    private readonly onLost: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.lastRenewedAt = Date.now();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.beat(), Math.max(10, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    try {
      const renewed = await this.store.renewLease(this.stepRunId, this.leaseToken, this.leaseMs);
      if (this.stopped) return;
      if (!renewed) {
        this.logger.warn('lease lost: the step was cancelled or taken over, stopping it');
        this.stop();
        this.onLost();
        return;
      }
      this.lastRenewedAt = Date.now();
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'could not renew the lease');
      if (Date.now() - this.lastRenewedAt >= this.leaseMs) {
        this.stop();
        this.onLost();
        return;
      }
    }
    this.schedule();
  }
}
