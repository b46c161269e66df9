import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFakeHttpServer } from '@looply/core/testing';
import { defaultChat } from './fake-chat-route.js';
import { defaultImages } from './fake-images-route.js';
import {
  errorAnswer,
  invalidApiKeyAnswer,
  invalidRequestAnswer as invalidRequest,
  type FakeAnswer,
} from './fake-openai-answers.js';
import { defaultSpeech } from './fake-speech-route.js';
import { parseMultipart, transcriptionAnswer, type SpokenTexts } from './fake-transcription.js';

export const FAKE_ROUTES = {
  chat: '/v1/chat/completions',
  speech: '/v1/audio/speech',
  transcriptions: '/v1/audio/transcriptions',
  images: '/v1/images/generations',
} as const;
export type FakeRoute = keyof typeof FAKE_ROUTES;

export interface RecordedRequest {
  route: FakeRoute | 'file' | null;
  method: string;
  /** Path and query, e.g. `/v1/chat/completions`. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The parsed JSON body (or the raw text when it is not JSON). */
  body: unknown;
  /** The HTTP status the fake answered with. */
  status?: number;
}

export interface FakeOpenAIServerOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`; others get 401 `invalid_api_key`. */
  apiKey?: string;
}

export interface FakeOpenAIServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `http://127.0.0.1:<port>/v1`, what `baseURL` / `OPENAI_BASE_URL` take. */
  baseURL: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  requestsTo(route: FakeRoute): RecordedRequest[];
  /** Queues answers for a route; each request takes the next one, the default behaviour resumes when the queue is empty. */
  enqueue(route: FakeRoute, ...answers: FakeAnswer[]): void;
  /** Serves `bytes` as a PNG at the returned URL, like the expiring image URLs of dall-e answers. */
  hostFile(bytes: Buffer): string;
  /** Forgets recorded requests and queued answers. */
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/**
 * A local stand-in for the OpenAI API on 127.0.0.1: serves `/v1/chat/completions`,
 * `/v1/audio/speech`, `/v1/audio/transcriptions` (of its own speech) and `/v1/images/generations` with vendor-shaped bodies and headers
 * (`x-request-id`, `x-ratelimit-*`, the `{ error: { message, type, param, code } }` envelope),
 * records every request, and plays queued answers per route before its default behaviour.
 */
export async function startFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  const queues = new Map<FakeRoute, FakeAnswer[]>();
  const files = new Map<string, Buffer>();
  const spoken: SpokenTexts = new Map();
  let served = 0;
  let url = '';

  const respond = async (response: ServerResponse, answer: FakeAnswer, record: RecordedRequest): Promise<number> => {
    const status = answer.status ?? 200;
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (response.destroyed) return status;
    record.status = status;
    served++;
    const headers: Record<string, string> = {
      'x-request-id': `req_${randomBytes(16).toString('hex')}`,
      'openai-processing-ms': String(120 + (served % 50)),
      'openai-version': '2020-10-01',
      'openai-organization': 'org-fake',
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-remaining-requests': String(Math.max(0, 4999 - served)),
      'x-ratelimit-reset-requests': '12ms',
      'x-ratelimit-limit-tokens': '200000',
      'x-ratelimit-remaining-tokens': status === 429 ? '0' : '199180',
      'x-ratelimit-reset-tokens': status === 429 ? '136ms' : '246ms',
      ...answer.headers,
    };
    if (answer.json !== undefined) {
      response.writeHead(status, { ...headers, 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.json));
    } else {
      response.writeHead(status, { ...headers, 'content-type': answer.contentType ?? 'application/octet-stream' });
      response.end(answer.body ?? Buffer.alloc(0));
    }
    return status;
  };

  const handleRequest = async (request: IncomingMessage, response: ServerResponse, body: unknown, raw: Buffer) => {
    const path = (request.url ?? '/').split('?')[0];
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : (value ?? ''),
      ]),
    );
    const fileMatch = /^\/files\/([0-9a-f]+)\.png$/.exec(path);
    const routeName =
      (Object.entries(FAKE_ROUTES).find(([, routePath]) => routePath === path)?.[0] as FakeRoute | undefined) ??
      (fileMatch ? 'file' : null);
    const record: RecordedRequest = {
      route: routeName,
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers,
      body,
    };
    requests.push(record);

    if (routeName === 'file' && fileMatch) {
      const file = files.get(fileMatch[1]);
      return respond(
        response,
        file
          ? { body: file, contentType: 'image/png' }
          : errorAnswer(404, { message: 'Not found', type: 'invalid_request_error' }),
        record,
      );
    }
    if (options.apiKey !== undefined) {
      const authorization = headers.authorization ?? '';
      const key = authorization.replace(/^Bearer\s+/i, '');
      if (key !== options.apiKey) {
        return respond(
          response,
          authorization
            ? invalidApiKeyAnswer(key)
            : errorAnswer(401, {
                message:
                  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                type: 'invalid_request_error',
              }),
          record,
        );
      }
    }
    if (routeName === null || routeName === 'file' || request.method !== 'POST') {
      return respond(
        response,
        errorAnswer(404, { message: `Invalid URL (${request.method} ${path})`, type: 'invalid_request_error' }),
        record,
      );
    }
    const queued = queues.get(routeName)?.shift();
    if (queued) {
      return respond(response, queued, record);
    }
    if (routeName === 'transcriptions') {
      const transcription = transcriptionAnswer(parseMultipart(raw, headers['content-type'] ?? ''), spoken);
      record.body = transcription.form;
      return respond(response, transcription.answer, record);
    }
    if (typeof body !== 'object' || body === null) {
      return respond(response, invalidRequest('We could not parse the JSON body of your request.'), record);
    }
    const json = body as Json;
    const answer =
      routeName === 'chat'
        ? await defaultChat(json)
        : routeName === 'speech'
          ? await defaultSpeech(json, spoken)
          : await defaultImages(json, files, url);
    return respond(response, answer, record);
  };

  const server = await startFakeHttpServer(async (request, response, body, raw) => {
    try {
      return await handleRequest(request, response, body, raw);
    } catch (error) {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: {
            message: `fake server failure: ${(error as Error).message}`,
            type: 'server_error',
            param: null,
            code: null,
          },
        }),
      );
      return 500;
    }
  });

  url = server.url;

  return {
    url,
    baseURL: `${url}/v1`,
    requests,
    requestsTo: (route) => requests.filter((request) => request.route === route),
    enqueue(route, ...answers) {
      queues.set(route, [...(queues.get(route) ?? []), ...answers]);
    },
    hostFile(bytes) {
      const id = randomBytes(8).toString('hex');
      files.set(id, bytes);
      return `${url}/files/${id}.png`;
    },
    reset() {
      requests.length = 0;
      queues.clear();
    },
    close: () => server.close(),
  };
}
