import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordFakeRequests, sendJson, startFakeHttpServer, type RecordedFakeRequest } from '@looply/core/testing';
import { signWebhookBody } from '../webhook-signature.js';
import { formatOf, wrapperResultOf, type FakeGeneration } from './fake-wrapper-generation.js';
import { makeTestClip, type TestClipFormat } from './make-test-clip.js';

/** How the fake hands the finished clip back: presigned-style URL, base64 in the result, or ComfyUI `/view`. */
export type FakeClipDelivery = 'url' | 'base64' | 'view';

/** What happens to the next generation(s): finish, fail with a ComfyUI error, or never finish. */
export type FakeGenerationOutcome = { type: 'complete' } | { type: 'fail'; message: string } | { type: 'hang' };

/** One request the fake received, with the status it answered. */
export type FakeWrapperRequest = RecordedFakeRequest;

export interface FakeComfyWrapperOptions {
  /** Required Bearer token; unset: no auth. */
  apiToken?: string;
  delivery?: FakeClipDelivery;
  /** Time from `POST /generate` to completion (set high with webhooks to prove polling is not needed). Default 200 ms. */
  generationMs?: number;
  ffmpegPath?: string;
}

export interface FakeComfyWrapper {
  /** Base URL to use as `WAN_ENDPOINT_URL`. */
  url: string;
  requests: FakeWrapperRequest[];
  /** Requests to one route, e.g. `generate`, `result`, `cancel`, `view`, `files`. */
  requestsTo(route: string): FakeWrapperRequest[];
  /** Outcomes for the next generations, in order; afterwards they complete. */
  enqueueOutcomes(...outcomes: FakeGenerationOutcome[]): void;
  /** New generations stay `generating` until `release` (a slow GPU, under the test's control). */
  hold(): void;
  /** Finishes every held generation (webhooks fire) and stops holding. */
  release(): void;
  /** The next `POST /generate` answers 503 with this `Retry-After` (queue full). */
  rejectNextGenerate(answer: { status: number; retryAfterSeconds?: number; body?: string }): void;
  /** From now on only this Bearer token is accepted (as after the instance's WEB_PASSWORD changed). */
  rotateApiToken(token: string): void;
  /** Forgets generations, requests and scripted answers, and restores the original token. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the ai-dock ComfyUI API wrapper (Vast ComfyUI template): Bearer auth, 202
 * `POST /generate`, `GET /result/{id}` (404 unknown), `POST /cancel/{id}`, ComfyUI `/view`, signed
 * webhooks, 503 queue full with `Retry-After`. Finished clips are real MP4s made with ffmpeg at the
 * size, frame count and fps the workflow asked for.
 */
export async function startFakeComfyWrapper(options: FakeComfyWrapperOptions = {}): Promise<FakeComfyWrapper> {
  const generations = new Map<string, FakeGeneration>();
  const requests: FakeWrapperRequest[] = [];
  const outcomes: FakeGenerationOutcome[] = [];
  const rejections: Array<{ status: number; retryAfterSeconds?: number; body?: string }> = [];
  const clipCache = new Map<string, Promise<Buffer>>();
  const delivery = options.delivery ?? 'url';
  let apiToken = options.apiToken;
  let holding = false;
  const held: FakeGeneration[] = [];
  let baseUrl = '';

  const clipFor = (format: TestClipFormat): Promise<Buffer> => {
    const key = `${format.width}x${format.height}x${format.frames}@${format.fps}`;
    let clip = clipCache.get(key);
    if (!clip) {
      clip = makeTestClip(format, options.ffmpegPath);
      clipCache.set(key, clip);
      clip.catch(() => clipCache.delete(key));
    }
    return clip;
  };

  const resultOf = (generation: FakeGeneration) => wrapperResultOf(generation, delivery, baseUrl);

  const sendWebhook = async (generation: FakeGeneration): Promise<void> => {
    if (!generation.webhook) return;
    const body = JSON.stringify(resultOf(generation));
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (generation.webhook.secret) headers['x-signature'] = signWebhookBody(body, generation.webhook.secret);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const ok = await fetch(generation.webhook.url, { method: 'POST', headers, body }).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const finish = async (generation: FakeGeneration): Promise<void> => {
    if (generation.status === 'cancelled') return;
    if (generation.outcome.type === 'hang') {
      generation.status = 'generating';
      return;
    }
    if (generation.outcome.type === 'fail') {
      generation.status = 'failed';
      generation.message = generation.outcome.message;
    } else {
      try {
        generation.clip = await clipFor(generation.format);
        generation.status = 'completed';
        generation.message = 'Request completed';
      } catch (error) {
        generation.status = 'failed';
        generation.message = `fake wrapper could not make the clip: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    await sendWebhook(generation);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, body: unknown): Promise<number> => {
    const url = new URL(request.url ?? '/', baseUrl);
    if (url.pathname.startsWith('/files/')) {
      // Presigned-style URL: no Bearer needed, as S3.
      const generation = generations.get(url.pathname.slice('/files/'.length).replace(/\.mp4$/, ''));
      if (!generation?.clip) return sendJson(response, 404, { detail: 'Not found' });
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(generation.clip.length) });
      response.end(generation.clip);
      return 200;
    }
    if (apiToken && request.headers.authorization !== `Bearer ${apiToken}`) {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end('401 Unauthorized');
      return 401;
    }
    if (request.method === 'POST' && url.pathname === '/generate') {
      const rejection = rejections.shift();
      if (rejection) {
        const headers: Record<string, string> =
          rejection.retryAfterSeconds !== undefined ? { 'retry-after': String(rejection.retryAfterSeconds) } : {};
        return sendJson(response, rejection.status, { detail: rejection.body ?? 'Queue is full' }, headers);
      }
      const input = (
        body as
          | { input?: { request_id?: string; workflow_json?: unknown; webhook?: { url: string; secret?: string } } }
          | undefined
      )?.input;
      if (!input?.workflow_json)
        return sendJson(response, 422, {
          detail: [{ loc: ['body', 'input', 'workflow_json'], msg: 'field required' }],
        });
      const id = input.request_id ?? randomUUID();
      const generation: FakeGeneration = {
        id,
        status: 'queued',
        outcome: outcomes.shift() ?? { type: 'complete' },
        format: formatOf(input.workflow_json),
        webhook: input.webhook,
        message: 'Request queued',
      };
      generations.set(id, generation);
      if (holding) {
        generation.status = 'generating';
        held.push(generation);
      } else {
        generation.timer = setTimeout(() => {
          generation.status = generation.status === 'queued' ? 'generating' : generation.status;
          void finish(generation);
        }, options.generationMs ?? 200);
      }
      return sendJson(response, 202, resultOf(generation));
    }
    const resultMatch = /^\/result\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && resultMatch) {
      const generation = generations.get(decodeURIComponent(resultMatch[1]));
      if (!generation) return sendJson(response, 404, { detail: 'Result not found' });
      return sendJson(response, 200, resultOf(generation));
    }
    const cancelMatch = /^\/cancel\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'POST' && cancelMatch) {
      const generation = generations.get(decodeURIComponent(cancelMatch[1]));
      if (!generation) return sendJson(response, 404, { detail: 'Result not found' });
      clearTimeout(generation.timer);
      generation.status = 'cancelled';
      generation.message = 'Request cancelled';
      return sendJson(response, 200, resultOf(generation));
    }
    if (request.method === 'GET' && url.pathname === '/view') {
      const filename = url.searchParams.get('filename') ?? '';
      const generation = generations.get(filename.replace(/_00001_\.mp4$/, ''));
      if (!generation?.clip || url.searchParams.get('type') !== 'output')
        return sendJson(response, 404, { error: 'not found' });
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-disposition': `filename="${filename}"` });
      response.end(generation.clip);
      return 200;
    }
    if (request.method === 'GET' && url.pathname === '/health') return sendJson(response, 200, { status: 'ok' });
    return sendJson(response, 404, { detail: 'Not Found' });
  };

  const fake = await startFakeHttpServer(handle, recordFakeRequests(requests));
  baseUrl = fake.url;

  return {
    url: baseUrl,
    requests,
    requestsTo(route) {
      return requests.filter((request) => request.path.split('/')[1] === route);
    },
    enqueueOutcomes(...next) {
      outcomes.push(...next);
    },
    rejectNextGenerate(answer) {
      rejections.push(answer);
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const generation of held.splice(0)) void finish(generation);
    },
    rotateApiToken(token) {
      apiToken = token;
    },
    reset() {
      apiToken = options.apiToken;
      holding = false;
      held.length = 0;
      for (const generation of generations.values()) clearTimeout(generation.timer);
      generations.clear();
      requests.length = 0;
      outcomes.length = 0;
      rejections.length = 0;
    },
    async close() {
      for (const generation of generations.values()) clearTimeout(generation.timer);
      await fake.close();
    },
  };
}
