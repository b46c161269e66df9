/** Why a running step's AbortSignal fired. */
export type AbortReason = 'cancelled' | 'job-failed' | 'lease-lost' | 'shutdown';

interface InFlightStep {
  jobId: string;
  controller: AbortController;
  /** Settles when the step's handler has finished (written or given up). */
  done: Promise<void>;
}

/**
 * The step messages this process is handling (keyed by message id), so a cancel, a failure
 * elsewhere or a shutdown can abort them.
 */
export class InFlightSteps {
  private readonly steps = new Map<string, InFlightStep>();

  register(messageId: string, jobId: string, done: Promise<void>): AbortController {
    const controller = new AbortController();
    this.steps.set(messageId, { jobId, controller, done });
    return controller;
  }

  unregister(messageId: string): void {
    this.steps.delete(messageId);
  }

  abortJob(jobId: string, reason: AbortReason): number {
    let aborted = 0;
    for (const step of this.steps.values()) {
      if (step.jobId === jobId && !step.controller.signal.aborted) {
        step.controller.abort(reason);
        aborted += 1;
      }
    }
    return aborted;
  }

  abortAll(reason: AbortReason): void {
    for (const step of this.steps.values()) if (!step.controller.signal.aborted) step.controller.abort(reason);
  }

  get size(): number {
    return this.steps.size;
  }

  /** Resolves when every step registered now has finished, or after `timeoutMs`; true if all finished. */
  async settled(timeoutMs: number): Promise<boolean> {
    const pending = [...this.steps.values()].map((step) => step.done);
    if (pending.length === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
    });
    try {
      return await Promise.race([Promise.allSettled(pending).then(() => true as const), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The reason string an aborted controller carries, when it is one of ours. */
export function abortReasonOf(signal: AbortSignal): AbortReason | undefined {
  const reason: unknown = signal.reason;
  return reason === 'cancelled' || reason === 'job-failed' || reason === 'lease-lost' || reason === 'shutdown'
    ? reason
    : undefined;
}
