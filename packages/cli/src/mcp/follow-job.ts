import { isTerminalJobStatus, type Engine, type JobEvent, type JobView } from '@looply/core';

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

/**
 * Follows a job to its end from any process (`engine.follow`: Postgres NOTIFY, re-read as a safety net),
 * reporting progress that only grows; resolves with the final job (or the job as it was when `signal` fired).
 */
export async function followJob(engine: Engine, jobId: string, options: FollowJobOptions): Promise<JobView> {
  let lastProgress = -1;
  let lastMessage = 'queued';
  const report = async (progress: number, message: string) => {
    if (progress <= lastProgress && message === lastMessage) return;
    lastProgress = Math.max(lastProgress, progress);
    lastMessage = message;
    // A client that went away must not stop the follow: its signal does that.
    await Promise.resolve(options.onProgress(lastProgress, message)).catch(() => {});
  };
  const job = await engine.follow(jobId, { signal: options.signal }).untilEnd(async (event) => {
    const message = describeEvent(event) ?? lastMessage;
    await report(event.type === 'progress' ? event.progress : Math.max(lastProgress, 0), message);
  });
  if (isTerminalJobStatus(job.status))
    await report(job.status === 'COMPLETED' ? 100 : Math.max(lastProgress, job.progress), job.status.toLowerCase());
  return job;
}
