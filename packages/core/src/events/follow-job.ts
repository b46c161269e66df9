import type { Engine } from '../engine/engine.js';
import type { JobView } from '../engine/job-view.js';
import { LooplyError } from '../errors/looply-error.js';
import { isTerminalJobStatus } from '../persistence/job-status.js';
import type { JobEndEvent, JobEvent } from './job-event.js';

/**
 * How often a followed job is re-read, whatever the events: the longest a lost NOTIFY (a dropped
 * listener connection, a payload too big to parse) can delay the end. Events wake a follower at
 * once; this read is only the safety net, so it can be slow.
 */
export const FOLLOW_POLL_INTERVAL_MS = 2_000;

export interface FollowJobOptions {
  /** Stops following (not the job): the iteration ends without a `job-end` and the listener is removed at once. */
  signal?: AbortSignal;
  /** How often the job is re-read in case a notification was missed. Default FOLLOW_POLL_INTERVAL_MS. */
  pollIntervalMs?: number;
  /**
   * Called (and awaited) once listening has started, with the job read then, before any event is
   * yielded. Every event yielded afterwards was published after this listener was added, so nothing
   * between the read and the events is lost (an event in flight during the read can describe a change
   * the state already shows).
   */
  onStart?(job: JobView): void | Promise<void>;
}

/**
 * One job followed from any process: an async iterable of its events (Postgres NOTIFY) in the order
 * they were committed, each once, ending after its `job-end` — which always comes: read from the job
 * row when the job had already ended or when the notification was missed.
 */
export interface JobFollow extends AsyncIterable<JobEvent> {
  /**
   * Iterates to the end, awaiting `onEvent` for each event, and resolves with the job as it ended
   * (re-read: result, usage, steps) — or as it was when the signal aborted.
   */
  untilEnd(onEvent?: (event: JobEvent) => void | Promise<void>): Promise<JobView>;
}

/** What following needs of an engine: its NOTIFY subscription and a read of the job. */
export type FollowedEngine = Pick<Engine, 'subscribe' | 'get'>;

/** `engine.follow`, written once (the engine passes itself). Nothing happens until it is iterated. */
export function followJob(engine: FollowedEngine, jobId: string, options: FollowJobOptions = {}): JobFollow {
  let iterated = false;
  const events = (): AsyncGenerator<JobEvent, void, undefined> => {
    if (iterated)
      throw new LooplyError('conflict', `This follow of job ${jobId} was iterated already; call follow again`);
    iterated = true;
    return followEvents(engine, jobId, options);
  };
  return {
    [Symbol.asyncIterator]: events,
    async untilEnd(onEvent) {
      for await (const event of { [Symbol.asyncIterator]: events }) await onEvent?.(event);
      return readExisting(engine, jobId);
    },
  };
}

async function* followEvents(
  engine: FollowedEngine,
  jobId: string,
  options: FollowJobOptions,
): AsyncGenerator<JobEvent, void, undefined> {
  const { signal } = options;
  const pollIntervalMs = options.pollIntervalMs ?? FOLLOW_POLL_INTERVAL_MS;
  if (signal?.aborted) return;
  const received: JobEvent[] = [];
  let wake: (() => void) | undefined;
  // Subscribe BEFORE reading the job: whatever commits after the read is then already being received.
  const unsubscribe = once(
    await engine.subscribe(jobId, (event) => {
      received.push(event);
      wake?.();
    }),
  );
  // On abort the listener goes at once, even while the consumer still holds a yielded event.
  const onAbort = (): void => {
    void unsubscribe().catch(() => undefined);
    wake?.();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let job = await readExisting(engine, jobId);
    let nextReadAt = Date.now() + pollIntervalMs;
    if (signal?.aborted) return;
    await options.onStart?.(job);
    for (;;) {
      while (received.length > 0) {
        if (signal?.aborted) return;
        const event = received.shift()!;
        yield event;
        if (event.type === 'job-end') return;
      }
      if (signal?.aborted) return;
      // The row says it ended and no job-end was received (it ended before we listened, or the NOTIFY was lost).
      if (isTerminalJobStatus(job.status)) {
        yield jobEndFromView(job);
        return;
      }
      const waitMs = nextReadAt - Date.now();
      if (waitMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, waitMs);
          function done(): void {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          }
          wake = done;
        });
      } else {
        job = await readExisting(engine, jobId);
        nextReadAt = Date.now() + pollIntervalMs;
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await unsubscribe();
  }
}

/** The job-end a job's row implies, for a follower that did not receive the real one. */
function jobEndFromView(job: JobView): JobEndEvent {
  return {
    type: 'job-end',
    jobId: job.id,
    at: (job.finishedAt ?? job.updatedAt).toISOString(),
    status: job.status as JobEndEvent['status'],
    ...(job.result ? { result: job.result } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

async function readExisting(engine: FollowedEngine, jobId: string): Promise<JobView> {
  const job = await engine.get(jobId);
  if (!job) throw new LooplyError('not-found', `No video job with id "${jobId}"`);
  return job;
}

/** Runs `action` on the first call only (abort and the generator's end both unsubscribe). */
function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
