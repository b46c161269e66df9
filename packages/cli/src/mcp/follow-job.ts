import type { Engine, JobEvent, JobView } from '@looply/core';

const FINAL_STATUSES = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
/** A missed NOTIFY must not leave the caller waiting forever: the job is re-read this often. */
const POLL_INTERVAL_MS = 2_000;

export interface FollowJobOptions {
  /** Called on each progress change (0-100) with a short description. */
  onProgress(progress: number, message: string): Promise<void> | void;
  /** Stops following (not the job) when it fires: the client cancelled its request. */
  signal: AbortSignal;
}

function describeEvent(event: JobEvent): string | undefined {
  if (event.type === 'step-start')
    return `${event.step}${event.sceneIndex !== undefined ? ` scene ${event.sceneIndex + 1}` : ''} started (${event.provider})`;
  if (event.type === 'step-end')
    return `${event.step}${event.sceneIndex !== undefined ? ` scene ${event.sceneIndex + 1}` : ''} ${event.status.toLowerCase()}`;
  return undefined;
}

/** Follows a job to its end (from any process: Postgres NOTIFY), reporting progress; resolves with the final job. */
export async function followJob(engine: Engine, jobId: string, options: FollowJobOptions): Promise<JobView> {
  let lastProgress = -1;
  let lastMessage = 'queued';
  let wake: () => void = () => {};
  const report = async (progress: number, message: string) => {
    if (progress <= lastProgress && message === lastMessage) return;
    lastProgress = Math.max(lastProgress, progress);
    lastMessage = message;
    await options.onProgress(lastProgress, message);
  };
  const unsubscribe = await engine.subscribe(jobId, (event) => {
    const message = describeEvent(event) ?? lastMessage;
    const progress = event.type === 'progress' ? event.progress : Math.max(lastProgress, 0);
    void Promise.resolve(report(progress, message)).catch(() => {});
    if (event.type === 'job-end') wake();
  });
  try {
    for (;;) {
      const job = await engine.get(jobId);
      if (!job) throw new Error(`job ${jobId} disappeared`);
      if (FINAL_STATUSES.has(job.status)) {
        await report(job.status === 'COMPLETED' ? 100 : Math.max(lastProgress, job.progress), job.status.toLowerCase());
        return job;
      }
      if (options.signal.aborted) return job;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_INTERVAL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        options.signal.addEventListener('abort', wake, { once: true });
      });
    }
  } finally {
    await unsubscribe();
  }
}
