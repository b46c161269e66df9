import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletionBody, errorAnswer, invalidApiKeyAnswer, type FakeAnswer } from './fake-openai-answers.js';
import { fakeImagePng } from './fake-image.js';
import { readScriptRequest, writeFakeScript } from './fake-script-writer.js';
import { fakeSpeechWav } from './fake-speech-audio.js';
import { audioFingerprint, parseMultipart, transcriptionAnswer, type SpokenTexts } from './fake-transcription.js';

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

const GPT_IMAGE_SIZES = ['1024x1024', '1024x1536', '1536x1024', 'auto'];
const DALL_E_3_SIZES = ['1024x1024', '1024x1792', '1792x1024'];
const DALL_E_2_SIZES = ['256x256', '512x512', '1024x1024'];

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function invalidRequest(message: string, param: string | null = null, code: string | null = null): FakeAnswer {
  return errorAnswer(400, { message, type: 'invalid_request_error', param, code });
}

/** Problems OpenAI reports for a strict schema: open objects or properties missing from `required`. */
function strictSchemaProblem(node: unknown, context: string[] = []): string | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const problem = strictSchemaProblem(item, context);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof node !== 'object' || node === null) return undefined;
  const schema = node as Json;
  const where = `In context=(${context.map((part) => `'${part}'`).join(', ')})`;
  if (schema.type === 'object' || schema.properties) {
    if (schema.additionalProperties !== false)
      return `${where}, 'additionalProperties' is required to be supplied and to be false.`;
    const properties = Object.keys((schema.properties as Json | undefined) ?? {});
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const missing = properties.find((name) => !required.includes(name));
    if (missing)
      return `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, child] of Object.entries(value as Json)) {
        const problem = strictSchemaProblem(child, [...context, 'properties', name]);
        if (problem) return problem;
      }
    } else if (key === 'items' || key === 'anyOf' || key === '$defs') {
      const problem = strictSchemaProblem(value, [...context, key]);
      if (problem) return problem;
    }
  }
  return undefined;
}

async function defaultChat(body: Json): Promise<FakeAnswer> {
  if (typeof body.model !== 'string') return invalidRequest('you must provide a model parameter', 'model');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return invalidRequest("Missing required parameter: 'messages'.", 'messages');
  const format = body.response_format as Json | undefined;
  if (format?.type === 'json_schema') {
    const jsonSchema = format.json_schema as Json | undefined;
    const name = jsonSchema?.name;
    if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name))
      return invalidRequest(
        "Missing required parameter: 'response_format.json_schema.name'.",
        'response_format.json_schema.name',
      );
    if (jsonSchema?.strict === true) {
      const problem = strictSchemaProblem(jsonSchema.schema);
      if (problem) return invalidRequest(`Invalid schema for response_format '${name}': ${problem}`, 'response_format');
    }
  }
  const script = writeFakeScript(readScriptRequest(body.messages as Array<{ content?: unknown }>));
  const content = JSON.stringify(script);
  return {
    json: chatCompletionBody(
      { content, refusal: null },
      { model: `${body.model}-2024-07-18`, completionTokens: Math.ceil(content.length / 4) },
    ),
  };
}

async function defaultSpeech(body: Json, spoken: SpokenTexts): Promise<FakeAnswer> {
  if (typeof body.model !== 'string') return invalidRequest('you must provide a model parameter', 'model');
  if (typeof body.input !== 'string' || body.input.length === 0)
    return invalidRequest("Missing required parameter: 'input'.", 'input');
  if (body.input.length > 4096)
    return invalidRequest(
      "[{'type': 'string_too_long', 'loc': ('body', 'input'), 'msg': 'String should have at most 4096 characters'}]",
      'input',
    );
  if (body.voice === undefined) return invalidRequest("Missing required parameter: 'voice'.", 'voice');
  if (body.instructions !== undefined && /^tts-1/.test(body.model))
    return invalidRequest('Instructions are not supported for tts-1 and tts-1-hd.', 'instructions');
  const format = body.response_format ?? 'mp3';
  if (format !== 'wav')
    return invalidRequest(`This fake only renders response_format "wav", got "${String(format)}"`, 'response_format');
  const wav = fakeSpeechWav(body.input);
  spoken.set(audioFingerprint(wav), body.input);
  return { body: wav, contentType: 'audio/wav' };
}

async function defaultImages(body: Json, files: Map<string, Buffer>, url: string): Promise<FakeAnswer> {
  if (typeof body.prompt !== 'string' || body.prompt.length === 0)
    return invalidRequest("Missing required parameter: 'prompt'.", 'prompt');
  const model = typeof body.model === 'string' ? body.model : 'dall-e-2';
  const gptImage = !model.startsWith('dall-e');
  const size = typeof body.size === 'string' ? body.size : gptImage ? 'auto' : '1024x1024';
  const sizes = gptImage ? GPT_IMAGE_SIZES : model.startsWith('dall-e-3') ? DALL_E_3_SIZES : DALL_E_2_SIZES;
  if (!sizes.includes(size)) {
    return invalidRequest(
      `Invalid value: '${size}'. Supported values are: ${sizes.map((value) => `'${value}'`).join(', ')}.`,
      'size',
      'invalid_value',
    );
  }
  if (gptImage && body.response_format !== undefined)
    return invalidRequest("Unknown parameter: 'response_format'.", 'response_format', 'unknown_parameter');
  const [width, height] = (size === 'auto' ? '1024x1024' : size).split('x').map(Number);
  const png = await fakeImagePng(width, height, body.prompt);
  if (gptImage) {
    return {
      json: {
        created: Math.floor(Date.now() / 1000),
        background: 'opaque',
        data: [{ b64_json: png.toString('base64') }],
        output_format: 'png',
        quality: typeof body.quality === 'string' && body.quality !== 'auto' ? body.quality : 'medium',
        size: `${width}x${height}`,
        usage: {
          input_tokens: Math.ceil(body.prompt.length / 4),
          input_tokens_details: { image_tokens: 0, text_tokens: Math.ceil(body.prompt.length / 4) },
          output_tokens: size === '1024x1024' ? 1056 : 1584,
          total_tokens: Math.ceil(body.prompt.length / 4) + (size === '1024x1024' ? 1056 : 1584),
        },
      },
    };
  }
  const revised_prompt = body.prompt;
  if (body.response_format === 'b64_json')
    return {
      json: { created: Math.floor(Date.now() / 1000), data: [{ b64_json: png.toString('base64'), revised_prompt }] },
    };
  const id = randomBytes(8).toString('hex');
  files.set(id, png);
  return {
    json: { created: Math.floor(Date.now() / 1000), data: [{ url: `${url}/files/${id}.png`, revised_prompt }] },
  };
}

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

  const respond = async (response: ServerResponse, answer: FakeAnswer, record: RecordedRequest): Promise<void> => {
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (response.destroyed) return;
    const status = answer.status ?? 200;
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
  };

  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      const path = (request.url ?? '/').split('?')[0];
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? ''),
        ]),
      );
      let body: unknown = raw.toString('utf8');
      try {
        body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
      } catch {
        // Not JSON: keep the text.
      }
      const fileMatch = /^\/files\/([0-9a-f]+)\.png$/.exec(path);
      const route =
        (Object.entries(FAKE_ROUTES).find(([, routePath]) => routePath === path)?.[0] as FakeRoute | undefined) ??
        (fileMatch ? 'file' : null);
      const record: RecordedRequest = {
        route,
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        headers,
        body,
      };
      requests.push(record);

      if (route === 'file' && fileMatch) {
        const file = files.get(fileMatch[1]);
        await respond(
          response,
          file
            ? { body: file, contentType: 'image/png' }
            : errorAnswer(404, { message: 'Not found', type: 'invalid_request_error' }),
          record,
        );
        return;
      }
      if (options.apiKey !== undefined) {
        const authorization = headers.authorization ?? '';
        const key = authorization.replace(/^Bearer\s+/i, '');
        if (key !== options.apiKey) {
          await respond(
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
          return;
        }
      }
      if (route === null || route === 'file' || request.method !== 'POST') {
        await respond(
          response,
          errorAnswer(404, { message: `Invalid URL (${request.method} ${path})`, type: 'invalid_request_error' }),
          record,
        );
        return;
      }
      const queued = queues.get(route)?.shift();
      if (queued) {
        await respond(response, queued, record);
        return;
      }
      if (route === 'transcriptions') {
        const transcription = transcriptionAnswer(parseMultipart(raw, headers['content-type'] ?? ''), spoken);
        record.body = transcription.form;
        return respond(response, transcription.answer, record);
      }
      if (typeof body !== 'object' || body === null) {
        await respond(response, invalidRequest('We could not parse the JSON body of your request.'), record);
        return;
      }
      const json = body as Json;
      const answer =
        route === 'chat'
          ? await defaultChat(json)
          : route === 'speech'
            ? await defaultSpeech(json, spoken)
            : await defaultImages(json, files, url);
      await respond(response, answer, record);
    })().catch((error: unknown) => {
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
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
