import { isTerminalJobStatus, type Engine, type JobEvent, type JobView } from '@looply/core';
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

function jobEndFromState(job: JobView): JobEvent {
  return {
    type: 'job-end',
    jobId: job.id,
    at: (job.finishedAt ?? job.updatedAt).toISOString(),
    status: job.status as 'COMPLETED' | 'FAILED' | 'CANCELLED',
    ...(job.result ? { result: job.result } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

/**
 * Server-sent events of one job: `state` (the job now) first, then `progress`, `step-start`,
 * `step-end` as they happen in any process (engine.subscribe: Postgres NOTIFY), and `job-end`, after
 * which the stream closes. Comment lines keep idle connections open and, each time, the job is re-read
 * so a missed notification cannot leave the stream hanging. A client disconnect unsubscribes.
 */
export async function streamVideoEvents(options: VideoEventStreamOptions): Promise<void> {
  const { engine, request, response, heartbeatMs, publicBaseUrl, log } = options;
  const jobId = options.job.id;
  let sequence = 0;
  let finished = false;
  let live = false;
  const early: JobEvent[] = [];
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe: (() => Promise<void>) | undefined;

  const send = (type: string, data: unknown): void => {
    if (finished) return;
    sequence += 1;
    response.write(`id: ${sequence}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const close = (): void => {
    if (finished) return;
    finished = true;
    options.openStreams.delete(close);
    if (heartbeat) clearInterval(heartbeat);
    void unsubscribe?.().catch((error: unknown) => log.warn({ err: error }, 'unsubscribe failed'));
    if (!response.writableEnded) response.end();
  };
  const onEvent = (event: JobEvent): void => {
    if (!live) return void early.push(event);
    send(event.type, publicEvent(event, publicBaseUrl));
    if (event.type === 'job-end') close();
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

  // Subscribe before reading the state, so nothing between the two is lost.
  unsubscribe = await engine.subscribe(jobId, onEvent);
  if (finished) return void (await unsubscribe());
  const current = (await engine.get(jobId)) ?? options.job;
  send('state', toVideoResponse(current, publicBaseUrl));
  if (isTerminalJobStatus(current.status)) {
    send('job-end', publicEvent(jobEndFromState(current), publicBaseUrl));
    return close();
  }
  live = true;
  for (const event of early.splice(0)) onEvent(event);
  heartbeat = setInterval(() => {
    if (finished) return;
    response.write(': heartbeat\n\n');
    engine.get(jobId).then(
      (job) => {
        if (!job) return close();
        if (isTerminalJobStatus(job.status)) {
          send('job-end', publicEvent(jobEndFromState(job), publicBaseUrl));
          close();
        }
      },
      (error: unknown) => log.warn({ err: error, jobId }, 'could not re-read a streamed job'),
    );
  }, heartbeatMs);
  heartbeat.unref();
}
