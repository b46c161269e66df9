import type { JobView } from '@looply/core';
import { videoFileUrl } from '../callbacks/callback-payload.js';
import type { VideoResponse } from './video-schemas.js';

/** A job as its owner sees it over HTTP: no owner id, metadata, vendor ids or storage keys. */
export function toVideoResponse(job: JobView, publicBaseUrl: string): VideoResponse {
  const completed = job.status === 'COMPLETED' && job.result !== null;
  return {
    id: job.id,
    status: job.status,
    progress: Math.round(job.progress),
    currentStep: job.currentStep,
    brief: job.brief,
    providers: job.providers,
    steps: job.steps.map((step) => ({
      step: step.step,
      sceneIndex: step.sceneIndex,
      provider: step.provider,
      status: step.status,
      attempt: step.attempt,
      workerId: step.workerId,
      startedAt: step.startedAt?.toISOString() ?? null,
      finishedAt: step.finishedAt?.toISOString() ?? null,
      error: step.error?.message ?? null,
    })),
    videoUrl: completed ? videoFileUrl(publicBaseUrl, job.id) : null,
    result: completed
      ? { durationSec: job.result!.durationSec, width: job.result!.width, height: job.result!.height }
      : null,
    quality: completed ? (job.result!.quality ?? null) : null,
    error: job.error
      ? {
          step: job.error.step,
          provider: job.error.provider,
          message: job.error.message,
          ...(job.error.code ? { code: job.error.code } : {}),
        }
      : null,
    usage: { byStep: job.usage.byStep as VideoResponse['usage']['byStep'], totalCostUsd: job.usage.totalCostUsd ?? 0 },
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** The caller's job, or null for a missing job and for another user's job alike (never a 403: no existence oracle). */
export function ownedBy(job: JobView | null, userId: string): JobView | null {
  return job && job.ownerId === userId ? job : null;
}

/** Serialised responses of the (immutable, cached) job views: a hot read is not mapped and stringified again. */
const serialised = new WeakMap<JobView, { publicBaseUrl: string; json: string }>();

/** `JSON.stringify(toVideoResponse(job, publicBaseUrl))`, reused while the same job view is served. */
export function videoResponseJson(job: JobView, publicBaseUrl: string): string {
  const known = serialised.get(job);
  if (known && known.publicBaseUrl === publicBaseUrl) return known.json;
  const json = JSON.stringify(toVideoResponse(job, publicBaseUrl));
  serialised.set(job, { publicBaseUrl, json });
  return json;
}
