import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  ElevenLabsCharacterAlignmentWire,
  ElevenLabsSpeechWithTimestampsWire,
  ElevenLabsVoiceWire,
} from '../elevenlabs-api-types.js';
import { ELEVENLABS_MODEL_CHARACTER_LIMITS } from '../elevenlabs-options.js';
import { pcmToWav } from '../pcm-audio.js';
import { FAKE_ELEVENLABS_VOICES } from './fake-elevenlabs-voices.js';

export const FAKE_ELEVENLABS_API_KEY = 'sk_fake_elevenlabs_0123456789abcdef';

export type FakeElevenLabsRoute = 'text-to-speech' | 'voices';

/** A scripted answer (usually a failure): the next matching request gets this status, body and headers. */
export interface FakeElevenLabsAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Which endpoint answers so; text-to-speech by default. */
  route?: FakeElevenLabsRoute;
  /** Only requests this accepts get the answer (e.g. one scene's text); any by default. */
  match?: (request: { path: string; query: Record<string, string>; body: unknown }) => boolean;
}

export interface FakeElevenLabsOptions {
  /** The key every request must carry in `xi-api-key`. */
  apiKey?: string;
  voices?: ElevenLabsVoiceWire[];
  /** Text-to-speech requests in flight beyond this get 429 `too_many_concurrent_requests` (the plan limit). */
  maxConcurrentRequests?: number;
  /** Delay before each text-to-speech answer, so concurrent requests overlap. */
  responseDelayMs?: number;
  /** Overrides the per-model character limit (400 `max_character_limit_exceeded` above it). */
  characterLimit?: number;
  /** Called as each request arrives (already recorded, not yet answered), e.g. to abort a call mid-request. */
  onRequest?: (request: RecordedElevenLabsRequest) => void;
}

/** What the fake answered to a successful text-to-speech request. */
export interface FakeSpeechAnswer {
  requestId: string;
  characterCost: number;
  sampleRate: number;
  /** Exact duration of the returned audio. */
  durationSec: number;
  alignment: ElevenLabsCharacterAlignmentWire;
}

export interface RecordedElevenLabsRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The status answered; 0 while the request is still being answered. */
  status: number;
  /** Set for successful text-to-speech requests. */
  speech?: FakeSpeechAnswer;
}

export interface FakeElevenLabsServer {
  /** Host root for `ELEVENLABS_BASE_URL` / `baseURL`, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly apiKey: string;
  /** Every request in arrival order (recorded on arrival; `status` is set when answered). */
  readonly requests: RecordedElevenLabsRequest[];
  /** The most text-to-speech requests that were in flight at once. */
  readonly peakConcurrentRequests: number;
  /** Queues a scripted answer (a failure, or a captured response) for the next `times` matching requests. */
  respondNext(answer: FakeElevenLabsAnswer, times?: number): void;
  /** Forgets recorded requests, scripted answers not yet used, and the concurrency peak. */
  reset(): void;
  close(): Promise<void>;
}

/** Per-character speaking time in milliseconds at speed 1.0: pauses after punctuation, one gap per run of spaces. */
function characterMilliseconds(character: string, previous: string | undefined): number {
  if (/\s/u.test(character)) return previous !== undefined && /\s/u.test(previous) ? 0 : 60;
  if (/[.!?…]/u.test(character)) return 250;
  if (/[,;:]/u.test(character)) return 150;
  return 70;
}

const TRAILING_SILENCE_MS = 150;

/**
 * The alignment the fake gives a text: one entry per input character (code point), starting at 0,
 * times in whole milliseconds like ElevenLabs'. The audio runs 150 ms past the last character.
 */
export function fakeSpeechTiming(
  text: string,
  speed = 1,
): { alignment: ElevenLabsCharacterAlignmentWire; durationMs: number } {
  const characters = Array.from(text);
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  characters.forEach((character, index) => {
    const length = Math.round(characterMilliseconds(character, characters[index - 1]) / speed);
    starts.push(cursor / 1000);
    cursor += length;
    ends.push(cursor / 1000);
  });
  return {
    alignment: { characters, character_start_times_seconds: starts, character_end_times_seconds: ends },
    durationMs: cursor + TRAILING_SILENCE_MS,
  };
}

/** Real PCM16 audio: a soft tone while a letter is spoken, silence for spaces, pauses and the tail. */
function renderPcm(alignment: ElevenLabsCharacterAlignmentWire, durationMs: number, sampleRate: number): Buffer {
  const sampleCount = Math.round((durationMs / 1000) * sampleRate);
  const pcm = Buffer.alloc(sampleCount * 2);
  alignment.characters.forEach((character, index) => {
    if (!/[\p{L}\p{N}]/u.test(character)) return;
    const first = Math.round(alignment.character_start_times_seconds[index] * sampleRate);
    const last = Math.min(Math.round(alignment.character_end_times_seconds[index] * sampleRate), sampleCount);
    const frequency = 160 + (character.codePointAt(0)! % 24) * 10;
    for (let sample = first; sample < last; sample += 1) {
      const value = Math.sin((2 * Math.PI * frequency * sample) / sampleRate) * 0.25 * 32767;
      pcm.writeInt16LE(Math.round(value), sample * 2);
    }
  });
  return pcm;
}

function errorBody(status: string, message: string) {
  return { detail: { status, message } };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Unref'd: a delayed answer never keeps the process alive after the fake is closed.
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds).unref());

/**
 * A local stand-in for the ElevenLabs API on 127.0.0.1 (random port): `GET /v1/voices` and
 * `POST /v1/text-to-speech/{voice_id}/with-timestamps` with the real wire format, real audio
 * whose length matches the alignment (`pcm_*` and `wav_*` output formats), the real error bodies,
 * and scriptable failures. Requests are recorded for assertions.
 */
export async function startFakeElevenLabsServer(options: FakeElevenLabsOptions = {}): Promise<FakeElevenLabsServer> {
  const apiKey = options.apiKey ?? FAKE_ELEVENLABS_API_KEY;
  const voices = options.voices ?? FAKE_ELEVENLABS_VOICES;
  const requests: RecordedElevenLabsRequest[] = [];
  const scripted: Array<FakeElevenLabsAnswer & { route: FakeElevenLabsRoute }> = [];
  let inFlight = 0;
  let peak = 0;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const rawBody = await readBody(request);
    let body: unknown = rawBody;
    try {
      body = rawBody ? JSON.parse(rawBody) : null;
    } catch {
      // Kept as text; the route answers 422 when it needs JSON.
    }
    const record: RecordedElevenLabsRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body,
      status: 0,
    };
    requests.push(record);
    options.onRequest?.(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      response.writeHead(status, {
        'content-type': 'application/json',
        server: 'uvicorn',
        'x-trace-id': randomBytes(16).toString('hex'),
        ...headers,
      });
      response.end(JSON.stringify(payload));
    };

    if (request.headers['xi-api-key'] !== apiKey) {
      return send(401, errorBody('invalid_api_key', 'Invalid API key'));
    }

    const speechMatch = /^\/v1\/text-to-speech\/([^/]+)\/with-timestamps$/.exec(url.pathname);
    const route: FakeElevenLabsRoute | undefined =
      request.method === 'POST' && speechMatch
        ? 'text-to-speech'
        : request.method === 'GET' && url.pathname === '/v1/voices'
          ? 'voices'
          : undefined;
    if (!route) return send(404, { detail: 'Not Found' });

    const scriptedIndex = scripted.findIndex((answer) => answer.route === route && (answer.match?.(record) ?? true));
    if (scriptedIndex >= 0) {
      const [answer] = scripted.splice(scriptedIndex, 1);
      return send(answer.status, answer.body, answer.headers);
    }

    if (route === 'voices') return send(200, { voices }, { 'request-id': randomBytes(10).toString('hex') });

    const voiceId = decodeURIComponent(speechMatch![1]);
    if (!voices.some((voice) => voice.voice_id === voiceId)) {
      return send(404, errorBody('voice_not_found', `A voice with the voice_id ${voiceId} was not found.`));
    }
    const issues = validateSpeechBody(body);
    if (issues.length) return send(422, { detail: issues });
    const speech = body as { text: string; model_id?: string; voice_settings?: { speed?: number } };

    const outputFormat = url.searchParams.get('output_format') ?? 'mp3_44100_128';
    const format = /^(pcm|wav)_(8000|16000|22050|24000|32000|44100|48000)$/.exec(outputFormat);
    if (!format) {
      return send(
        400,
        errorBody(
          'unsupported_output_format',
          `The fake ElevenLabs server renders pcm_* and wav_* only, not ${outputFormat}.`,
        ),
      );
    }
    const modelId = speech.model_id ?? 'eleven_multilingual_v2';
    const limit = options.characterLimit ?? ELEVENLABS_MODEL_CHARACTER_LIMITS[modelId] ?? 10_000;
    const characterCount = Array.from(speech.text).length;
    if (characterCount > limit) {
      return send(
        400,
        errorBody(
          'max_character_limit_exceeded',
          `Text is too long. The maximum length is ${limit} characters for model ${modelId}; your text has ${characterCount}.`,
        ),
      );
    }

    inFlight += 1;
    peak = Math.max(peak, inFlight);
    try {
      if (options.maxConcurrentRequests !== undefined && inFlight > options.maxConcurrentRequests) {
        return send(
          429,
          errorBody(
            'too_many_concurrent_requests',
            `Too many concurrent requests. Your current subscription is associated with a maximum of ${options.maxConcurrentRequests} concurrent requests (running in parallel). Please upgrade your subscription or reduce the number of concurrent requests.`,
          ),
          {
            'current-concurrent-requests': String(inFlight),
            'maximum-concurrent-requests': String(options.maxConcurrentRequests),
          },
        );
      }
      if (options.responseDelayMs) await sleep(options.responseDelayMs);

      const sampleRate = Number(format[2]);
      const { alignment, durationMs } = fakeSpeechTiming(speech.text, speech.voice_settings?.speed ?? 1);
      const pcm = renderPcm(alignment, durationMs, sampleRate);
      const audio = format[1] === 'wav' ? pcmToWav(pcm, sampleRate) : pcm;
      const keep = alignment.characters.map(
        (character, index) =>
          alignment.character_end_times_seconds[index] > alignment.character_start_times_seconds[index] ||
          !/\s/u.test(character),
      );
      const normalized: ElevenLabsCharacterAlignmentWire = {
        characters: alignment.characters.filter((_, index) => keep[index]),
        character_start_times_seconds: alignment.character_start_times_seconds.filter((_, index) => keep[index]),
        character_end_times_seconds: alignment.character_end_times_seconds.filter((_, index) => keep[index]),
      };
      const requestId = randomBytes(10).toString('hex');
      record.speech = {
        requestId,
        characterCost: characterCount,
        sampleRate,
        durationSec: pcm.length / 2 / sampleRate,
        alignment,
      };
      const payload: ElevenLabsSpeechWithTimestampsWire = {
        audio_base64: audio.toString('base64'),
        alignment,
        normalized_alignment: normalized,
      };
      return send(200, payload, {
        'request-id': requestId,
        'character-cost': String(characterCount),
        'current-concurrent-requests': String(inFlight),
        'maximum-concurrent-requests': String(options.maxConcurrentRequests ?? 10),
      });
    } finally {
      inFlight -= 1;
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify(errorBody('internal_error', error instanceof Error ? error.message : String(error))));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    get peakConcurrentRequests() {
      return peak;
    },
    respondNext(answer, times = 1) {
      for (let count = 0; count < times; count += 1)
        scripted.push({ ...answer, route: answer.route ?? 'text-to-speech' });
    },
    reset() {
      requests.length = 0;
      scripted.length = 0;
      peak = inFlight;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** FastAPI-style 422 issues for the fields the fake checks. */
function validateSpeechBody(body: unknown): Array<{ loc: Array<string | number>; msg: string; type: string }> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [
      {
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
      },
    ];
  }
  const record = body as Record<string, unknown>;
  const issues: Array<{ loc: Array<string | number>; msg: string; type: string }> = [];
  if (record.text === undefined) issues.push({ loc: ['body', 'text'], msg: 'Field required', type: 'missing' });
  else if (typeof record.text !== 'string')
    issues.push({ loc: ['body', 'text'], msg: 'Input should be a valid string', type: 'string_type' });
  const settings = record.voice_settings;
  if (settings !== undefined && settings !== null) {
    const bounds: Record<string, [number, number]> = {
      stability: [0, 1],
      similarity_boost: [0, 1],
      style: [0, 1],
      speed: [0.7, 1.2],
    };
    for (const [key, [low, high]] of Object.entries(bounds)) {
      const value = (settings as Record<string, unknown>)[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || value < low || value > high) {
        issues.push({
          loc: ['body', 'voice_settings', key],
          msg: `Input should be between ${low} and ${high}`,
          type: 'value_error',
        });
      }
    }
  }
  return issues;
}
