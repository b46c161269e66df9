import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { recordFakeRequests, sendJson, startFakeHttpServer, type RecordedFakeRequest } from '@looply/core/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clipsOf, fetchAssets, renderWithFfmpeg, type FakeEdit, type FakeRender } from './fake-shotstack-render.js';

/** One request the fake received, with the status it answered. */
export type FakeShotstackRequest = RecordedFakeRequest;

export interface FakeShotstackOptions {
  apiKey: string;
  /** Requests closer together than this get API Gateway's 429 (free plan: 1000). Default 0: no limit. */
  minRequestIntervalMs?: number;
  ffmpegPath?: string;
}

export interface FakeShotstack {
  /** Use as `SHOTSTACK_BASE_URL` (the fake serves `/edit/{stage|v1}/…`). */
  url: string;
  requests: FakeShotstackRequest[];
  /** Every asset URL the fake fetched, with the HTTP status it got. */
  fetches: Array<{ url: string; status: number }>;
  /** Callback deliveries, with the status our receiver answered. */
  callbacks: Array<{ url: string; status: number; body: unknown }>;
  /** The next render fails while rendering with this Shotstack error text. */
  failNextRender(error: string): void;
  /** From now on only this key is accepted (a rotated key); `reset` restores the original. */
  rotateApiKey(key: string): void;
  /** From now on, requests closer together than this get the gateway's 429 (0: no limit). */
  limitRequestInterval(ms: number): void;
  /** Resolves when the render has settled (done or failed). */
  settled(id: string): Promise<void>;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Shotstack Edit API: `x-api-key` (403 otherwise), `POST render` → 201
 * queued, then `fetching` (it really GETs every asset URL: a refused URL fails the render like
 * Shotstack does), `rendering` (a real MP4 made with ffmpeg: the visual clips concatenated at the
 * output size with the narration), `saving`, `done`; callbacks retried until answered 2xx; 429 from
 * the gateway when requests come faster than `minRequestIntervalMs`.
 */
export async function startFakeShotstack(options: FakeShotstackOptions): Promise<FakeShotstack> {
  const renders = new Map<string, FakeRender>();
  const settledWaiters = new Map<string, Array<() => void>>();
  const files = new Map<string, Buffer>();
  const requests: FakeShotstackRequest[] = [];
  const fetches: Array<{ url: string; status: number }> = [];
  const callbacks: Array<{ url: string; status: number; body: unknown }> = [];
  const failures: string[] = [];
  let lastRequestAt = -Infinity;
  let minRequestIntervalMs = options.minRequestIntervalMs ?? 0;
  let apiKey = options.apiKey;
  let baseUrl = '';

  const renderResponse = (render: FakeRender) => ({
    id: render.id,
    owner: 'fake-owner',
    plan: 'sandbox',
    status: render.status,
    ...(render.error ? { error: render.error } : {}),
    duration: render.duration,
    renderTime: render.renderTime,
    url: render.url,
    poster: null,
    thumbnail: null,
    created: new Date().toISOString(),
    updated: new Date().toISOString(),
  });

  const settle = (render: FakeRender) => {
    for (const resolve of settledWaiters.get(render.id) ?? []) resolve();
    settledWaiters.delete(render.id);
  };

  const deliverCallback = async (render: FakeRender) => {
    if (!render.edit.callback) return;
    const body = {
      type: 'edit',
      action: 'render',
      id: render.id,
      owner: 'fake-owner',
      status: render.status,
      url: render.url,
      error: render.error,
      completed: new Date().toISOString(),
    };
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const status = await fetch(render.edit.callback, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then(
        (response) => response.status,
        () => 0,
      );
      callbacks.push({ url: render.edit.callback, status, body });
      if (status >= 200 && status < 400) return;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  };

  const processRender = async (render: FakeRender) => {
    const started = Date.now();
    const folder = await mkdtemp(join(tmpdir(), 'looply-fake-shotstack-'));
    try {
      render.status = 'fetching';
      const local = await fetchAssets(clipsOf(render.edit).sources, folder, fetches);
      render.status = 'rendering';
      if (render.failWith) throw new Error(render.failWith);
      const output = join(folder, 'render.mp4');
      const total = await renderWithFfmpeg(render.edit, local, output, options.ffmpegPath);
      render.status = 'saving';
      files.set(render.id, await readFile(output));
      render.status = 'done';
      render.url = `${baseUrl}/cdn/${render.id}.mp4`;
      render.duration = total;
    } catch (error) {
      render.status = 'failed';
      render.error = error instanceof Error ? error.message : String(error);
    } finally {
      render.renderTime = Date.now() - started;
      await rm(folder, { recursive: true, force: true });
      settle(render);
    }
    await deliverCallback(render);
  };

  const handle = (request: IncomingMessage, response: ServerResponse, body: unknown): number => {
    const url = new URL(request.url ?? '/', baseUrl);
    const cdn = /^\/cdn\/([^/]+)\.mp4$/.exec(url.pathname);
    if (cdn) {
      const file = files.get(cdn[1]);
      if (!file) return sendJson(response, 404, { message: 'Not Found' });
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(file.length) });
      response.end(file);
      return 200;
    }
    const now = Date.now();
    if (minRequestIntervalMs && now - lastRequestAt < minRequestIntervalMs) {
      return sendJson(
        response,
        429,
        { message: 'Too Many Requests' },
        { 'x-amzn-errortype': 'TooManyRequestsException' },
      );
    }
    lastRequestAt = now;
    if (request.headers['x-api-key'] !== apiKey) return sendJson(response, 403, { message: 'Forbidden' });
    const route = /^\/edit\/(stage|v1)\/render(?:\/([^/]+))?$/.exec(url.pathname);
    if (!route) return sendJson(response, 404, { message: 'Not Found' });
    if (request.method === 'POST' && !route[2]) {
      const edit = body as FakeEdit | undefined;
      if (!edit?.timeline?.tracks || !edit.output)
        return sendJson(response, 400, {
          success: false,
          message: 'Bad Request',
          response: { error: 'timeline and output are required' },
        });
      const render: FakeRender = {
        id: randomUUID(),
        status: 'queued',
        error: null,
        url: null,
        duration: 0,
        renderTime: 0,
        edit,
        failWith: failures.shift(),
      };
      renders.set(render.id, render);
      void processRender(render);
      return sendJson(response, 201, {
        success: true,
        message: 'Created',
        response: { message: 'Render Successfully Queued', id: render.id },
      });
    }
    if (request.method === 'GET' && route[2]) {
      const render = renders.get(route[2]);
      if (!render) return sendJson(response, 404, { success: false, message: 'Not Found', response: {} });
      return sendJson(response, 200, { success: true, message: 'OK', response: renderResponse(render) });
    }
    return sendJson(response, 405, { message: 'Method Not Allowed' });
  };

  const fake = await startFakeHttpServer(handle, recordFakeRequests(requests));
  baseUrl = fake.url;

  return {
    url: baseUrl,
    requests,
    fetches,
    callbacks,
    rotateApiKey(key) {
      apiKey = key;
    },
    limitRequestInterval(ms) {
      minRequestIntervalMs = ms;
    },
    failNextRender(error) {
      failures.push(error);
    },
    settled(id) {
      const render = renders.get(id);
      if (!render) return Promise.reject(new Error(`no render ${id}`));
      if (render.status === 'done' || render.status === 'failed') return Promise.resolve();
      return new Promise((resolve) => settledWaiters.set(id, [...(settledWaiters.get(id) ?? []), resolve]));
    },
    reset() {
      requests.length = 0;
      fetches.length = 0;
      callbacks.length = 0;
      failures.length = 0;
      lastRequestAt = -Infinity;
      minRequestIntervalMs = options.minRequestIntervalMs ?? 0;
      apiKey = options.apiKey;
    },
    close: () => fake.close(),
  };
}
