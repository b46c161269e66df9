import type { Engine, JobView } from '@looply/core';
import type { Response } from 'express';
import { HttpError } from '../app/http-error.js';

interface SendError extends Error {
  status?: number;
  statusCode?: number;
  code?: string;
  headers?: Record<string, string>;
}

/** Lifetime of the presigned URL a download is redirected to. */
export const SIGNED_FILE_URL_TTL_SEC = 300;

/**
 * 302 to a presigned URL when the artifact store can sign (S3); otherwise the finished MP4 with Range support (206 partial content, 416 for an unsatisfiable range),
 * ETag/Last-Modified and conditional requests, through Express' `sendFile`.
 */
export async function sendVideoFile(engine: Engine, job: JobView, response: Response): Promise<void> {
  if (job.status !== 'COMPLETED' || !job.result) {
    throw new HttpError(
      409,
      'video-not-ready',
      `Video ${job.id} is ${job.status}; its file exists once it is COMPLETED`,
    );
  }
  const store = engine.artifacts;
  if (store.signedUrl) {
    // The bucket serves the bytes (and Ranges) itself: this process only hands out a short-lived URL.
    if (!(await store.exists(job.result.video.key)))
      throw new HttpError(410, 'video-file-missing', `The file of video ${job.id} is no longer stored`);
    response.set('Cache-Control', 'no-store');
    response.redirect(302, await store.signedUrl(job.result.video.key, SIGNED_FILE_URL_TTL_SEC));
    return;
  }
  const path = await engine.artifacts.localPath(job.result.video.key);
  await new Promise<void>((resolve, reject) => {
    response.sendFile(
      path,
      {
        acceptRanges: true,
        cacheControl: false,
        dotfiles: 'allow',
        headers: {
          'Content-Type': job.result!.video.contentType || 'video/mp4',
          'Content-Disposition': `inline; filename="looply-${job.id}.mp4"`,
          'Cache-Control': 'private, max-age=0, must-revalidate',
        },
      },
      (error?: SendError) => {
        if (!error) return resolve();
        const status = error.status ?? error.statusCode;
        if (status === 416) {
          reject(
            new HttpError(
              416,
              'range-not-satisfiable',
              'The requested Range is outside the file',
              undefined,
              error.headers ?? {},
            ),
          );
        } else if (error.code === 'ENOENT' || status === 404) {
          reject(new HttpError(410, 'video-file-missing', `The file of video ${job.id} is no longer stored`));
        } else if (error.code === 'ECONNABORTED' || response.headersSent) {
          // The client went away mid-download: nothing to answer.
          resolve();
        } else reject(error);
      },
    );
  });
}
