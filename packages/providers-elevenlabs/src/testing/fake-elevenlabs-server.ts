import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { startFakeHttpServer } from '@looply/core/testing';
import type {
  ElevenLabsCharacterAlignmentWire,
  ElevenLabsSpeechWithTimestampsWire,
  ElevenLabsVoiceWire,
} from '../elevenlabs-api-types.js';
import { ELEVENLABS_MODEL_CHARACTER_LIMITS } from '../elevenlabs-options.js';
import { pcmToWav } from '../pcm-audio.js';
import { elevenLabsErrorBody as errorBody, validateSpeechBody } from './fake-elevenlabs-errors.js';
import { FAKE_ELEVENLABS_VOICES } from './fake-elevenlabs-voices.js';
import { fakeSpeechTiming, normalizedAlignmentOf, renderFakeSpeechPcm } from './fake-speech-audio.js';

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

  // Bodies that are not JSON stay text; the route answers 422 when it needs JSON.
  const handle = async (request: IncomingMessage, response: ServerResponse, body: unknown): Promise<number> => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
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
      return status;
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
      const pcm = renderFakeSpeechPcm(alignment, durationMs, sampleRate);
      const audio = format[1] === 'wav' ? pcmToWav(pcm, sampleRate) : pcm;
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
        normalized_alignment: normalizedAlignmentOf(alignment),
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

  const server = await startFakeHttpServer(handle);

  return {
    url: server.url,
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
    close: () => server.close(),
  };
}
