import { pathToFileURL } from 'node:url';
import type { Engine, JobView } from '@looply/core';

/** The URI of a finished job's MP4 as an MCP resource. */
export function videoResourceUri(jobId: string): string {
  return `looply://videos/${jobId}/video.mp4`;
}

/**
 * What the tools answer about a job: the job, plus where its video is once it is finished. `withFile`
 * adds its `file://` path, which a remote artifact store has to download first: one job at a time only.
 */
export async function describeJob(
  engine: Engine,
  job: JobView,
  { withFile = true } = {},
): Promise<Record<string, unknown>> {
  const video =
    job.status === 'COMPLETED' && job.result
      ? {
          resourceUri: videoResourceUri(job.id),
          ...(withFile ? { fileUri: pathToFileURL(await engine.artifacts.localPath(job.result.video.key)).href } : {}),
          durationSec: job.result.durationSec,
          width: job.result.width,
          height: job.result.height,
        }
      : null;
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    currentStep: job.currentStep,
    providers: job.providers,
    brief: job.brief,
    error: job.error,
    usage: job.usage,
    video,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

/** A tool result: the JSON as text (for every client) and as structured content, with a link to the video when there is one. */
export function jobToolResult(described: Record<string, unknown>) {
  const video = described.video as { resourceUri: string } | null;
  return {
    content: [
      { type: 'text' as const, text: JSON.stringify(described, null, 2) },
      ...(video
        ? [
            {
              type: 'resource_link' as const,
              uri: video.resourceUri,
              name: `video ${String(described.id)}`,
              mimeType: 'video/mp4',
            },
          ]
        : []),
    ],
    structuredContent: described,
  };
}
