import { LooplyError, type Engine, type JobEvent, type JobView } from '@looply/core';
import type Logger from 'bunyan';
import type { Request, Response } from 'express';
import { videoFileUrl } from '../callbacks/callback-payload.js';
import { toVideoResponse } from './video-response.js';

export interface VideoEventStreamOptions {
  engine: Engine;
  job: JobView;
  request: Request;
  response: Response;
  heartbeatMs: number;
  publicBaseUrl: string;
  log: Logger;
  /** Open streams of the app, so a shutdown can end them (clients reconnect elsewhere after `retry`). */
  openStreams: Set<() => void>;
}

/** What a client sees of an event: storage keys become the download URL. */
function publicEvent(event: JobEvent, publicBaseUrl: string): Record<string, unknown> {
  if (event.type !== 'job-end') return event as unknown as Record<string, unknown>;
  const { result, ...rest } = event;
  return result
    ? {
        ...rest,
        result: {
          videoUrl: videoFileUrl(publicBaseUrl, event.jobId),
          durationSec: result.durationSec,
          width: result.width,
          height: result.height,
        },
      }
    : rest;
}

/**
 * Server-sent events of one job: `state` (the job now) first, then `progress`, `step-start`,
 * `step-end` as they happen in any process, and `job-end`, after which the stream closes
 * (`engine.follow`: Postgres NOTIFY, with the job re-read every heartbeat in case one was missed).
 * Comment lines keep idle connections open. A client disconnect or a shutdown stops following.
 */
export async function streamVideoEvents(options: VideoEventStreamOptions): Promise<void> {
  const { engine, request, response, heartbeatMs, publicBaseUrl, log } = options;
  const jobId = options.job.id;
  const stop = new AbortController();
  let sequence = 0;
  // Ends the response at once (a shutdown closes every stream before closing the server).
  const close = (): void => {
    stop.abort();
    if (!response.writableEnded) response.end();
  };
  const send = (type: string, data: unknown): void => {
    if (response.writableEnded) return;
    sequence += 1;
    response.write(`id: ${sequence}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  };

  request.once('close', close);
  options.openStreams.add(close);
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
  response.write('retry: 3000\n\n');
  const heartbeat = setInterval(() => {
    if (!response.writableEnded) response.write(': heartbeat\n\n');
  }, heartbeatMs);
  heartbeat.unref();

  try {
    const follow = engine.follow(jobId, {
      signal: stop.signal,
      pollIntervalMs: heartbeatMs,
      onStart: (job) => send('state', toVideoResponse(job, publicBaseUrl)),
    });
    for await (const event of follow) send(event.type, publicEvent(event, publicBaseUrl));
  } catch (error) {
    // Deleted while streamed: nothing more to say. Anything else: the client reconnects after `retry`.
    if (!(error instanceof LooplyError && error.code === 'not-found'))
      log.warn({ err: error, jobId }, 'could not follow a streamed job');
  } finally {
    clearInterval(heartbeat);
    request.off('close', close);
    options.openStreams.delete(close);
    close();
  }
}
