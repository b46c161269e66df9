import type Logger from 'bunyan';
import { parseJobEvent, type JobEvent } from '../events/job-event.js';

export type JobEventListener = (event: JobEvent) => void;

/** Listeners per job for events received through NOTIFY (from this process or any other). */
export class JobEventSubscriptions {
  private readonly listeners = new Map<string, Set<JobEventListener>>();

  constructor(private readonly logger: Logger) {}

  add(jobId: string, listener: JobEventListener): () => void {
    let set = this.listeners.get(jobId);
    if (!set) {
      set = new Set();
      this.listeners.set(jobId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(jobId);
      current?.delete(listener);
      if (current?.size === 0) this.listeners.delete(jobId);
    };
  }

  /** Listeners of one job now (a follower that ended or was aborted leaves none). */
  listenerCount(jobId: string): number {
    return this.listeners.get(jobId)?.size ?? 0;
  }

  /** A NOTIFY payload on the events channel. */
  deliver(payload: string): void {
    if (this.listeners.size === 0) return;
    let event: JobEvent | null;
    try {
      event = parseJobEvent(JSON.parse(payload));
    } catch {
      event = null;
    }
    if (!event) {
      this.logger.warn({ payload: payload.slice(0, 200) }, 'unreadable job event notification');
      return;
    }
    for (const listener of [...(this.listeners.get(event.jobId) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, jobId: event.jobId }, 'a job event subscriber threw');
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
