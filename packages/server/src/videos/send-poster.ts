import type { Engine, JobView } from '@looply/core';
import type { Response } from 'express';
import { HttpError } from '../app/http-error.js';

/** Where an assembler leaves the poster frame: `poster.jpg` next to the video (the local assembler makes one). */
export function posterKeyOf(videoKey: string): string {
  return videoKey.replace(/[^/]*$/, 'poster.jpg');
}

/** The poster frame of a finished video (a small JPEG), or 404 `no-poster` when its assembler made none. */
export async function sendPoster(engine: Engine, job: JobView, response: Response): Promise<void> {
  const key = job.status === 'COMPLETED' && job.result ? posterKeyOf(job.result.video.key) : null;
  if (!key || !(await engine.artifacts.exists(key)))
    throw new HttpError(404, 'no-poster', `Video ${job.id} has no poster frame`);
  response.set({ 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=3600' });
  response.send(await engine.artifacts.get(key));
}
