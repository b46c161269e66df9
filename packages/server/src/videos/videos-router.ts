import type { Engine, JobView } from '@looply/core';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { currentUser, type Authenticator } from '../auth/authenticator.js';
import type { UserStore } from '../auth/user-store.js';
import { HttpError, notFound, unauthorized } from '../app/http-error.js';
import { requestLogger } from '../app/request-context.js';
import { parseBody, parseParams, parseQuery } from '../app/validate.js';
import { sendPoster } from './send-poster.js';
import { sendVideoFile } from './send-video-file.js';
import { streamVideoEvents } from './video-event-stream.js';
import type { VideoCanceller } from './video-canceller.js';
import type { VideoCreator } from './video-creator.js';
import type { VideoRetrier } from './video-retrier.js';
import type { JobViewCache } from './job-view-cache.js';
import { ownedBy, toVideoResponse, videoResponseJson } from './video-response.js';
import { listVideosQuerySchema, videoIdParamsSchema, videoRequestSchema } from './video-schemas.js';

export interface VideosRouterDependencies {
  engine: Engine;
  /** Shared reads of single jobs; null reads the engine every time. */
  cache: JobViewCache | null;
  users: UserStore;
  authenticator: Authenticator;
  creator: VideoCreator;
  retrier: VideoRetrier;
  canceller: VideoCanceller;
  publicBaseUrl: string;
  eventStreamHeartbeatMs: number;
  /** Closers of the open event streams (ended by `app.close()`). */
  openStreams: Set<() => void>;
}

/**
 * The validated values of the fields the client sent (schema defaults left out, so the caller's
 * profile can fill them): what is stored is what was validated, never the raw text.
 */
function sentFields<T extends object>(validated: T, sent: object): T {
  return Object.fromEntries(Object.keys(sent).map((key) => [key, validated[key as keyof T]])) as T;
}

const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1–255 visible ASCII characters');

/** `/videos`: create (Idempotency-Key), list, get, cancel, retry, delete, events (SSE), file (Range). */
export function createVideosRouter(dependencies: VideosRouterDependencies): Router {
  const { engine, users, authenticator, creator, publicBaseUrl, cache } = dependencies;
  const router = Router();
  router.use(authenticator.requireUser.bind(authenticator));

  /** The caller's job by `:id`; anyone else's, like a missing one, is a 404. */
  async function ownJob(request: Request, response: Response): Promise<JobView> {
    const params = parseParams(videoIdParamsSchema, request);
    const job = params
      ? ownedBy(await (cache ? cache.get(params.id) : engine.get(params.id)), currentUser(response).id)
      : null;
    if (!job) throw notFound(`Video ${String(request.params.id)}`);
    return job;
  }

  router.post('/', async (request, response) => {
    const body = parseBody(videoRequestSchema, request);
    const keyHeader = request.get('idempotency-key');
    let idempotencyKey: string | undefined;
    if (keyHeader !== undefined) {
      const parsed = idempotencyKeySchema.safeParse(keyHeader);
      if (!parsed.success)
        throw new HttpError(400, 'validation', `Invalid Idempotency-Key header: ${parsed.error.issues[0].message}`);
      idempotencyKey = parsed.data;
    }
    const user = await users.findById(currentUser(response).id);
    if (!user) throw unauthorized('The token belongs to no user');
    const { job, replayed } = await creator.create({
      user,
      body: sentFields(body, request.body as object),
      idempotencyKey,
      requestId: response.locals.requestId as string,
    });
    response.setHeader('Location', `/api/v1/videos/${job.id}`);
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    response.status(replayed ? 200 : 202).json(toVideoResponse(job, publicBaseUrl));
  });

  router.get('/', async (request, response) => {
    const query = parseQuery(listVideosQuerySchema, request, response);
    const { items, total } = await engine.list({ ownerId: currentUser(response).id, ...query });
    response.json({
      items: items.map((job) => toVideoResponse(job, publicBaseUrl)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    });
  });

  router.get('/:id', async (request, response) => {
    response.type('application/json').send(videoResponseJson(await ownJob(request, response), publicBaseUrl));
  });

  router.post('/:id/cancel', async (request, response) => {
    const job = await ownJob(request, response);
    cache?.drop(job.id);
    const cancelled = await dependencies.canceller.cancel(job.id);
    cache?.drop(job.id);
    response.json(toVideoResponse(cancelled, publicBaseUrl));
  });

  router.post('/:id/retry', async (request, response) => {
    const job = await ownJob(request, response);
    cache?.drop(job.id);
    const retried = await dependencies.retrier.retry(currentUser(response).id, job.id);
    cache?.drop(job.id);
    response.setHeader('Location', `/api/v1/videos/${job.id}`);
    response.status(202).json(toVideoResponse(retried, publicBaseUrl));
  });

  router.delete('/:id', async (request, response) => {
    const job = await ownJob(request, response);
    cache?.drop(job.id);
    await engine.delete(job.id);
    cache?.drop(job.id);
    response.status(204).end();
  });

  router.get('/:id/events', async (request, response) => {
    const job = await ownJob(request, response);
    await streamVideoEvents({
      engine,
      job,
      request,
      response,
      heartbeatMs: dependencies.eventStreamHeartbeatMs,
      publicBaseUrl,
      log: requestLogger(response),
      openStreams: dependencies.openStreams,
    });
  });

  router.get('/:id/poster', async (request, response) => {
    await sendPoster(engine, await ownJob(request, response), response);
  });

  router.get('/:id/file', async (request, response) => {
    await sendVideoFile(engine, await ownJob(request, response), response);
  });

  return router;
}
