import type Logger from 'bunyan';
import type PgBoss from 'pg-boss';
import { QUEUE_FETCH_ORDER } from './step-queues.js';

export interface WorkerPoolSettings {
  /** Steps this process runs at once. */
  concurrency: number;
  /** Safety net when a NOTIFY was missed (reconnects, clock skew on delayed messages). */
  fallbackFetchIntervalMs: number;
}

/** Handles one fetched message; must not throw. */
export type MessageHandler = (queue: string, message: PgBoss.Job<unknown>) => Promise<void>;

const MAX_WAKE_TIMES = 1000;

/**
 * Our own fetch loop over pg-boss (`fetch` instead of `work`, whose polling adds seconds per
 * step). It fetches when woken: a NOTIFY that a message is ready, a delayed message coming due,
 * a slot freeing up after a step, or a slow fallback timer.
 */
export class WorkerPool {
  private active = 0;
  private started = false;
  private stopping = false;
  private pumping: Promise<void> | undefined;
  /** Queues that may have messages for us: signalled, or not drained by the last fetch. */
  private readonly hinted = new Set<string>();
  /** Signals per queue, so a signal that arrives during a fetch is not lost when the fetch comes back short. */
  private readonly signals = new Map<string, number>();
  private fallbackTimer: NodeJS.Timeout | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeTimerAt = Number.POSITIVE_INFINITY;
  private readonly wakeTimes: number[] = [];

  constructor(
    private readonly boss: PgBoss,
    private readonly handler: MessageHandler,
    private readonly settings: WorkerPoolSettings,
    private readonly logger: Logger,
  ) {}

  get activeCount(): number {
    return this.active;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.scheduleFallback();
    this.wake();
  }

  /** Fetch now (`queue` only, or every queue), or at `notBefore` (epoch ms) for a delayed message. */
  wake(queue?: string, notBefore?: number): void {
    if (!this.started || this.stopping) return;
    if (notBefore !== undefined && notBefore > Date.now() + 2) {
      this.scheduleWakeAt(notBefore);
      return;
    }
    // Only the step queues are ours to fetch (the dead-letter queue is not worked).
    for (const name of queue === undefined ? QUEUE_FETCH_ORDER : QUEUE_FETCH_ORDER.filter((known) => known === queue)) {
      this.hinted.add(name);
      this.signals.set(name, (this.signals.get(name) ?? 0) + 1);
    }
    void this.pump();
  }

  /** Stops fetching; messages already fetched are still handed to the handler. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.fallbackTimer);
    clearTimeout(this.wakeTimer);
    this.wakeTimes.length = 0;
    await this.pumping;
    this.started = false;
  }

  private pump(): Promise<void> {
    if (this.pumping) return this.pumping;
    this.pumping = this.fetchHinted().finally(() => {
      this.pumping = undefined;
      // A signal that arrived while the last fetch was in flight.
      if (this.hinted.size > 0 && !this.stopping && this.active < this.settings.concurrency) void this.pump();
    });
    return this.pumping;
  }

  /** Fetches hinted queues, later steps first, while slots are free; keeps the hints it could not serve. */
  private async fetchHinted(): Promise<void> {
    for (;;) {
      const queue = QUEUE_FETCH_ORDER.find((name) => this.hinted.has(name));
      const free = this.settings.concurrency - this.active;
      if (queue === undefined || free <= 0 || this.stopping) return;
      const signalsBefore = this.signals.get(queue) ?? 0;
      let messages: PgBoss.Job<unknown>[];
      try {
        messages = await this.boss.fetch<unknown>(queue, { batchSize: free });
      } catch (error) {
        this.logger.warn({ err: error, queue }, 'fetch failed');
        this.hinted.delete(queue);
        continue;
      }
      // A full batch may leave more behind; a short one drained the queue, unless signalled meanwhile.
      if (messages.length < free && (this.signals.get(queue) ?? 0) === signalsBefore) this.hinted.delete(queue);
      for (const message of messages) this.launch(queue, message);
    }
  }

  private launch(queue: string, message: PgBoss.Job<unknown>): void {
    this.active += 1;
    void this.handler(queue, message)
      .catch((error: unknown) => this.logger.error({ err: error, queue }, 'message handler threw'))
      .finally(() => {
        this.active -= 1;
        // Right after a step, fetch what was signalled while every slot was busy (or what the
        // last full batch left behind): the backlog does not wait for the fallback fetch.
        if (this.hinted.size > 0 && !this.stopping) void this.pump();
      });
  }

  private scheduleFallback(): void {
    clearTimeout(this.fallbackTimer);
    if (this.stopping) return;
    // Jitter keeps several workers from polling in lockstep.
    const delay = this.settings.fallbackFetchIntervalMs * (0.8 + Math.random() * 0.4);
    this.fallbackTimer = setTimeout(() => {
      this.wake();
      this.scheduleFallback();
    }, delay);
    this.fallbackTimer.unref();
  }

  private scheduleWakeAt(at: number): void {
    if (this.wakeTimes.length < MAX_WAKE_TIMES) this.wakeTimes.push(at);
    if (at >= this.wakeTimerAt) return;
    this.armWakeTimer(at);
  }

  private armWakeTimer(at: number): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimerAt = at;
    this.wakeTimer = setTimeout(() => this.onWakeTimer(), Math.max(0, at - Date.now()) + 5);
    this.wakeTimer.unref();
  }

  private onWakeTimer(): void {
    this.wakeTimerAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    const later = this.wakeTimes.filter((time) => time > now + 2);
    this.wakeTimes.length = 0;
    this.wakeTimes.push(...later);
    this.wake();
    if (later.length > 0) this.armWakeTimer(Math.min(...later));
  }
}
