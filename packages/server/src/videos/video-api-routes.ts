import { listVideosQuerySchema } from './video-schemas.js';
import { COMMON_AUTH_ERRORS, ERROR, type ApiRoute } from '../openapi/api-route.js';

const VIDEO_ID = [{ name: 'id', description: 'Video (job) id', format: 'uuid' }];

/** `/api/v1/videos`: create, list, get, cancel, retry, delete, events, poster, file. */
export const VIDEO_ROUTES: ApiRoute[] = [
  {
    method: 'post',
    path: '/api/v1/videos',
    summary: 'Create a video job from a brief',
    tag: 'videos',
    auth: true,
    body: 'VideoRequest',
    headerParameters: [
      {
        name: 'Idempotency-Key',
        description:
          'Same key and body → the same job (200, `Idempotent-Replayed: true`); another body → 422. Remembered 24 h.',
      },
    ],
    responses: {
      202: { description: 'Accepted: the job', schema: 'Video', headers: ['Location'] },
      200: { description: 'Replay of an Idempotency-Key', schema: 'Video' },
      400: ERROR('Invalid brief (unknown fields included) or refused callback URL'),
      403: ERROR('The video exceeds the daily allowance outright'),
      422: ERROR('Idempotency-Key reused with another body'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos',
    summary: "The caller's videos, newest first",
    tag: 'videos',
    auth: true,
    query: listVideosQuerySchema,
    responses: {
      200: { description: 'A page', schema: 'VideoList' },
      400: ERROR('Invalid query'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}',
    summary: 'One video: status, progress, steps, videoUrl, usage',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'The video', schema: 'Video' },
      404: ERROR('No such video of yours'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: '/api/v1/videos/{id}/cancel',
    summary:
      'Cancel an unfinished video. Exactly one cancel succeeds: of two sent at once, one is a 200 and the other a 409 (the video is then already CANCELLED)',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'Cancelled (by this request)', schema: 'Video' },
      404: ERROR('No such video of yours'),
      409: ERROR('Already finished: COMPLETED, FAILED, or CANCELLED (also by a cancel sent at the same time)'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'post',
    path: '/api/v1/videos/{id}/retry',
    summary:
      'Retry a FAILED video in place: the same video, its failed steps re-run with fresh attempts (finished steps are kept). Uses no new daily video or seconds; counts as an unfinished video again',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      202: { description: 'Re-queued (follow it as before: GET or /events)', schema: 'Video', headers: ['Location'] },
      404: ERROR('No such video of yours'),
      409: ERROR('Not FAILED (running, completed or cancelled): only a failed video can be retried'),
      ...COMMON_AUTH_ERRORS,
      429: ERROR('Rate limited, or already at your most unfinished videos at once (see Retry-After)'),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/videos/{id}',
    summary: 'Delete a video and its files',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: { 204: { description: 'Deleted' }, 404: ERROR('No such video of yours'), ...COMMON_AUTH_ERRORS },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}/events',
    summary: 'Server-sent events: state, progress, step-start, step-end, job-end',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'An event stream that closes after job-end', mediaType: 'text/event-stream' },
      404: ERROR('No such video of yours'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}/poster',
    summary: 'The poster frame (JPEG), when the assembler made one',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    responses: {
      200: { description: 'The poster', mediaType: 'image/jpeg' },
      404: ERROR('No such video of yours, or no poster'),
      ...COMMON_AUTH_ERRORS,
    },
  },
  {
    method: 'get',
    path: '/api/v1/videos/{id}/file',
    summary: 'The MP4 (Range supported)',
    tag: 'videos',
    auth: true,
    pathParameters: VIDEO_ID,
    headerParameters: [{ name: 'Range', description: 'e.g. `bytes=0-1023`' }],
    responses: {
      200: { description: 'The video', mediaType: 'video/mp4' },
      206: { description: 'Part of the video', mediaType: 'video/mp4' },
      302: {
        description:
          'With S3 artifact storage: Location is a presigned bucket URL valid for 5 minutes (Range supported there)',
      },
      404: ERROR('No such video of yours'),
      409: ERROR('Not finished yet'),
      416: ERROR('Range not satisfiable'),
      ...COMMON_AUTH_ERRORS,
    },
  },
];

/** `/api/v1/usage`: the caller's quota use today. */
export const USAGE_ROUTES: ApiRoute[] = [
  {
    method: 'get',
    path: '/api/v1/usage',
    summary: "The caller's quota use today against their limits",
    tag: 'profile',
    auth: true,
    responses: { 200: { description: 'Usage', schema: 'QuotaUsage' }, ...COMMON_AUTH_ERRORS },
  },
];
