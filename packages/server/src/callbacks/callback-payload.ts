import { isTerminalJobStatus, type JobView, type TerminalJobStatus } from '@looply/core';

export const CALLBACK_EVENTS: { readonly [status in TerminalJobStatus]: `video.${Lowercase<status>}` } = {
  COMPLETED: 'video.completed',
  FAILED: 'video.failed',
  CANCELLED: 'video.cancelled',
};
export type CallbackEvent = (typeof CALLBACK_EVENTS)[keyof typeof CALLBACK_EVENTS];

/** The body of a callback (Standard Webhooks' recommended `{ type, timestamp, data }`), fixed at enqueue time. */
export interface CallbackPayload {
  type: CallbackEvent;
  timestamp: string;
  data: {
    id: string;
    status: TerminalJobStatus;
    videoUrl: string | null;
    durationSec: number | null;
    width: number | null;
    height: number | null;
    error: { message: string; step?: string; code?: string } | null;
    totalCostUsd: number | null;
    finishedAt: string | null;
  };
}

export function videoFileUrl(publicBaseUrl: string, jobId: string): string {
  return new URL(
    `api/v1/videos/${jobId}/file`,
    publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`,
  ).toString();
}

/** The payload for a finished job, or null while it runs. */
export function callbackPayloadFor(job: JobView, publicBaseUrl: string): CallbackPayload | null {
  if (!isTerminalJobStatus(job.status)) return null;
  const completed = job.status === 'COMPLETED' && job.result;
  return {
    type: CALLBACK_EVENTS[job.status],
    timestamp: new Date().toISOString(),
    data: {
      id: job.id,
      status: job.status,
      videoUrl: completed ? videoFileUrl(publicBaseUrl, job.id) : null,
      durationSec: completed ? job.result!.durationSec : null,
      width: completed ? job.result!.width : null,
      height: completed ? job.result!.height : null,
      error: job.error
        ? { message: job.error.message, step: job.error.step, ...(job.error.code ? { code: job.error.code } : {}) }
        : null,
      totalCostUsd: job.usage.totalCostUsd ?? null,
      finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
    },
  };
}
